/**
 * The contract test of the {@link dev.mcpspring.session.SessionManager} seam: an implementation's test extends
 * {@link dev.mcpspring.test.session.SessionManagerContractTests} to prove it behaves as the starter needs, across
 * instances when it shares its sessions.
 */
@NullMarked
package dev.mcpspring.test.session;

import org.jspecify.annotations.NullMarked;
