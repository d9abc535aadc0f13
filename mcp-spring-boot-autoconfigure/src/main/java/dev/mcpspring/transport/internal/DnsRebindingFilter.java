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
import org.jspecify.annotations.Nullable;

/**
 * The endpoint's {@code Host} and {@code Origin} checks (DNS-rebinding protection) as a filter that runs before
 * the other filters of the endpoint: a foreign origin gets the 403 the protocol prescribes even where an
 * authentication filter (Spring Security's) would otherwise answer first with 401. For the same reason it answers
 * CORS preflight requests of the allowed origins ({@link EndpointCors}): they carry no credentials. The servlet
 * checks again, for when it is deployed without this filter.
 */
public final class DnsRebindingFilter implements Filter {

    private final OriginValidator origins;

    private final HostValidator hosts;

    private final @Nullable EndpointCors cors;

    private final JsonRpcCodec codec;

    /** A filter with the allowed origins and hosts of {@code settings}. */
    public DnsRebindingFilter(TransportSettings settings, JsonRpcCodec codec) {
        this.origins = new OriginValidator(settings.allowedOrigins());
        this.hosts = new HostValidator(settings.allowedHosts(), settings.trustForwardedHost());
        this.cors = EndpointCors.of(origins, settings);
        this.codec = codec;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest httpRequest = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        EndpointObservation.name(httpRequest);
        String origin;
        try {
            hosts.check(httpRequest);
            origin = origins.check(httpRequest);
        }
        catch (RequestRefusedException refusal) {
            HttpErrors.write(httpResponse, codec, refusal.status(), null, refusal.error());
            return;
        }
        if (origin != null && cors != null && cors.handle(httpRequest, httpResponse)) {
            return; // a CORS preflight request, answered before authentication could refuse it
        }
        chain.doFilter(request, response);
    }
}
