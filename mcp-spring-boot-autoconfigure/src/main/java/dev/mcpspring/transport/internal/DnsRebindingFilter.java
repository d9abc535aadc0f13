package dev.mcpspring.transport.internal;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.mcpspring.protocol.JsonRpcCodec;

/**
 * The endpoint's {@code Host} and {@code Origin} checks (DNS-rebinding protection) as a filter that runs before
 * the other filters of the endpoint: a foreign origin gets the 403 the protocol prescribes even where an
 * authentication filter (Spring Security's) would otherwise answer first with 401. The servlet checks again, for
 * when it is deployed without this filter.
 */
public final class DnsRebindingFilter implements Filter {

    private final OriginValidator origins;

    private final HostValidator hosts;

    private final JsonRpcCodec codec;

    /** A filter with the allowed origins and hosts of {@code settings}. */
    public DnsRebindingFilter(TransportSettings settings, JsonRpcCodec codec) {
        this.origins = new OriginValidator(settings.allowedOrigins());
        this.hosts = new HostValidator(settings.allowedHosts(), settings.trustForwardedHost());
        this.codec = codec;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            hosts.check((HttpServletRequest) request);
            origins.check((HttpServletRequest) request);
        }
        catch (RequestRefusedException refusal) {
            HttpErrors.write((HttpServletResponse) response, codec, refusal.status(), null, refusal.error());
            return;
        }
        chain.doFilter(request, response);
    }
}
