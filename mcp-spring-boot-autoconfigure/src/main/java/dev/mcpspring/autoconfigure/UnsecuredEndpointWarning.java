package dev.mcpspring.autoconfigure;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.context.WebApplicationContext;

/**
 * Warns at start-up when the application has an OAuth 2.0 resource server but none of its
 * {@code SecurityFilterChain}s matches the MCP endpoint: an application chain limited to some paths (say,
 * {@code securityMatcher(EndpointRequest.to("health"))}) replaces the starter's and Spring Boot's chains, and would
 * leave the endpoint without any authentication. A chain whose matcher cannot judge the stand-in request counts
 * as matching: the warning is for the certain cases only.
 */
final class UnsecuredEndpointWarning implements ApplicationListener<ApplicationReadyEvent> {

    private static final Log logger = LogFactory.getLog(UnsecuredEndpointWarning.class);

    /** The stand-in's servlet mapping: path matchers then match the whole path after the context path. */
    private static final HttpServletMapping DEFAULT_SERVLET = new HttpServletMapping() {

        @Override
        public String getMatchValue() {
            return "";
        }

        @Override
        public String getPattern() {
            return "/";
        }

        @Override
        public String getServletName() {
            return "default";
        }

        @Override
        public MappingMatch getMappingMatch() {
            return MappingMatch.DEFAULT;
        }
    };

    private final String endpoint;

    UnsecuredEndpointWarning(String endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!(event.getApplicationContext() instanceof WebApplicationContext web) || web.getServletContext() == null) {
            return;
        }
        List<SecurityFilterChain> chains = List
            .copyOf(event.getApplicationContext().getBeansOfType(SecurityFilterChain.class).values());
        HttpServletRequest request = post(web.getServletContext(), endpoint);
        if (chains.stream().noneMatch(chain -> matches(chain, request))) {
            logger.warn("No SecurityFilterChain matches the MCP endpoint " + endpoint + ", so it is open to anyone "
                    + "although the application is an OAuth 2.0 resource server: a SecurityFilterChain of the "
                    + "application replaces the starter's, and must cover the MCP endpoint (McpEndpointSecurity "
                    + "configures a chain for it) and every other path");
        }
    }

    private static boolean matches(SecurityFilterChain chain, HttpServletRequest request) {
        try {
            return chain.matches(request);
        }
        catch (RuntimeException ex) { // a matcher that needs more of a request than the stand-in has
            return true;
        }
    }

    /** A stand-in for a POST to {@code path}: no headers, no parameters, attributes of its own. */
    private static HttpServletRequest post(ServletContext servletContext, String path) {
        Map<String, Object> attributes = new HashMap<>();
        String contextPath = servletContext.getContextPath();
        return (HttpServletRequest) Proxy.newProxyInstance(UnsecuredEndpointWarning.class.getClassLoader(),
                new Class<?>[] { HttpServletRequest.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "getMethod" -> "POST";
                    case "getRequestURI" -> contextPath + path;
                    case "getRequestURL" -> new StringBuffer("http://localhost" + contextPath + path);
                    case "getContextPath" -> contextPath;
                    case "getServletPath" -> path;
                    case "getScheme" -> "http";
                    case "getServerName" -> "localhost";
                    case "getServerPort" -> 80;
                    case "getDispatcherType" -> DispatcherType.REQUEST;
                    case "getHttpServletMapping" -> DEFAULT_SERVLET;
                    case "getServletContext" -> servletContext;
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    case "removeAttribute" -> attributes.remove((String) args[0]);
                    case "getHeaders", "getHeaderNames", "getParameterNames", "getAttributeNames" ->
                        Collections.emptyEnumeration();
                    case "getParameterMap" -> Map.of();
                    case "getIntHeader", "getContentLength" -> -1;
                    case "getContentLengthLong", "getDateHeader" -> -1L;
                    case "isSecure", "isUserInRole", "isRequestedSessionIdValid" -> false;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "POST " + path;
                    default -> null;
                });
    }
}
