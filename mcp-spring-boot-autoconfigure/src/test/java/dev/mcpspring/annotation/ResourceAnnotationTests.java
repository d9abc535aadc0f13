package dev.mcpspring.annotation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import dev.mcpspring.annotation.internal.AnnotatedMethodRegistrar;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.ReadResourceResult;
import dev.mcpspring.protocol.Resource;
import dev.mcpspring.protocol.ResourceContents;
import dev.mcpspring.protocol.ResourceTemplate;
import dev.mcpspring.protocol.Role;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.ResourceRead;
import dev.mcpspring.server.ResourceSpecification;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.internal.ServerRegistries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class ResourceAnnotationTests {

    private static ServerRegistries register(Object... objects) {
        ServerRegistries registries = ServerRegistries.empty();
        new AnnotatedMethodRegistrar(registries, JsonSchemas.MAPPER).register(objects);
        return registries;
    }

    private static String failure(Object object) {
        try {
            register(object);
        }
        catch (IllegalStateException ex) {
            return ex.getMessage();
        }
        throw new AssertionError("registered without a problem");
    }

    /** Reads a URI the way resources/read does: a fixed resource, else the first matching template. */
    private static ReadResourceResult read(ServerRegistries registries, String uri) {
        return read(registries, uri, mock(McpRequestContext.class));
    }

    private static ReadResourceResult read(ServerRegistries registries, String uri, McpRequestContext context) {
        Optional<ResourceSpecification> fixed = registries.resources().find(uri);
        if (fixed.isPresent()) {
            return fixed.get().reader().read(new ResourceRead(uri, Map.of(), context));
        }
        ResourceTemplateRegistry.Match match = registries.resourceTemplates().match(uri).orElseThrow();
        return match.specification().reader().read(new ResourceRead(uri, match.variables(), context));
    }

    private static String json(Object value) {
        return JsonSchemas.MAPPER.writeValueAsString(value);
    }

    private static ResourceContents.Text onlyText(ReadResourceResult result) {
        assertThat(result.contents()).hasSize(1);
        assertThat(result.contents().get(0)).isInstanceOf(ResourceContents.Text.class);
        return (ResourceContents.Text) result.contents().get(0);
    }

    // ---- fixed resources -------------------------------------------------------------------------------------

    static class Docs {

        @McpResource(uri = "docs://guide", title = "Guide", description = "The user guide",
                mimeType = "text/markdown", size = 12, audience = { Role.USER, Role.ASSISTANT }, priority = 0.75,
                lastModified = "2025-01-12T15:00:58Z", icons = @McpIcon(src = "https://example.com/guide.png",
                        mimeType = "image/png", sizes = { "48x48", "96x96" }, theme = "dark"))
        String guide() {
            return "# Guide\nHi.";
        }

        @McpResource(uri = "docs://plain", name = "plain-text")
        String plain() {
            return "plain";
        }

        @McpResource(uri = "docs://logo")
        byte[] logo() {
            return new byte[] { 1, 2, 3, (byte) 0xff };
        }

        @McpResource(uri = "docs://logo.png", mimeType = "image/png")
        byte[] png() {
            return "PNG".getBytes(StandardCharsets.US_ASCII);
        }

        record Stats(int pages, List<String> authors) {
        }

        @McpResource(uri = "docs://stats")
        Stats stats() {
            return new Stats(3, List.of("ada", "grace"));
        }

        @McpResource(uri = "docs://missing")
        Optional<String> missing() {
            return Optional.empty();
        }

        @McpResource(uri = "docs://null")
        String nothing() {
            return null;
        }

        @McpResource(uri = "docs://contents")
        ResourceContents contents() {
            return new ResourceContents.Text(null, null, "without uri and type");
        }

        @McpResource(uri = "docs://bundle", mimeType = "text/plain")
        List<ResourceContents> bundle() {
            return List.of(new ResourceContents.Text("docs://bundle/a", "text/csv", "a,b"),
                    new ResourceContents.Blob(null, null, "AAE="));
        }

        @McpResource(uri = "docs://result")
        ReadResourceResult result() {
            return new ReadResourceResult(List.of(new ResourceContents.Text("docs://result", "text/plain", "r")),
                    Map.of("k", "v"));
        }

        @McpResource(uri = "docs://dynamic")
        Object dynamic() {
            return new byte[] { 7 };
        }

        @McpResource(uri = "docs://context")
        String context(McpRequestContext context) {
            return "session " + context.sessionId();
        }

        @McpResource(uri = "docs://broken")
        String broken() {
            throw new IllegalStateException("jdbc:postgresql://db.internal/secret refused");
        }

        @McpResource(uri = "docs://refused")
        String refused() {
            throw new McpException(ErrorCodes.INVALID_PARAMS, "You may not read this");
        }

        @McpResource(uri = "docs://checked")
        String checked() throws Exception {
            throw new java.io.IOException("disk on fire");
        }
    }

    @Test
    void listsAFixedResourceWithEveryAttribute() {
        Resource guide = register(new Docs()).resources().find("docs://guide").orElseThrow().resource();

        assertThat(json(guide)).isEqualTo("{\"uri\":\"docs://guide\",\"name\":\"guide\","
                + "\"title\":\"Guide\",\"description\":\"The user guide\",\"mimeType\":\"text/markdown\",\"size\":12,"
                + "\"annotations\":{\"audience\":[\"user\",\"assistant\"],\"priority\":0.75,"
                + "\"lastModified\":\"2025-01-12T15:00:58Z\"},\"icons\":[{\"src\":\"https://example.com/guide.png\","
                + "\"mimeType\":\"image/png\",\"sizes\":[\"48x48\",\"96x96\"],\"theme\":\"dark\"}]}");
    }

    @Test
    void leavesOutWhatIsNotDeclaredAndDerivesTheMimeTypeFromTheReturnType() {
        ServerRegistries registries = register(new Docs());

        assertThat(json(registries.resources().find("docs://plain").orElseThrow().resource()))
            .isEqualTo("{\"uri\":\"docs://plain\",\"name\":\"plain-text\",\"mimeType\":\"text/plain\"}");
        assertThat(registries.resources().find("docs://logo").orElseThrow().resource().mimeType())
            .isEqualTo("application/octet-stream");
        assertThat(registries.resources().find("docs://stats").orElseThrow().resource().mimeType())
            .isEqualTo("application/json");
        assertThat(registries.resources().find("docs://contents").orElseThrow().resource().mimeType()).isNull();
        assertThat(registries.resources().find("docs://guide").orElseThrow().source())
            .isEqualTo("ResourceAnnotationTests.Docs.guide()");
        assertThat(registries.resourceTemplates().isEmpty()).isTrue();
    }

    @Test
    void readsTextWithTheDeclaredMimeType() {
        ResourceContents.Text text = onlyText(read(register(new Docs()), "docs://guide"));

        assertThat(text).isEqualTo(new ResourceContents.Text("docs://guide", "text/markdown", "# Guide\nHi."));
    }

    @Test
    void readsBytesAsABase64Blob() {
        ServerRegistries registries = register(new Docs());

        assertThat(read(registries, "docs://logo").contents()).containsExactly(new ResourceContents.Blob(
                "docs://logo", "application/octet-stream", Base64.getEncoder().encodeToString(new byte[] { 1, 2, 3,
                        (byte) 0xff })));
        assertThat(read(registries, "docs://logo.png").contents())
            .containsExactly(new ResourceContents.Blob("docs://logo.png", "image/png", "UE5H"));
        assertThat(read(registries, "docs://dynamic").contents())
            .containsExactly(new ResourceContents.Blob("docs://dynamic", "application/octet-stream", "Bw=="));
    }

    @Test
    void readsOtherObjectsAsJson() {
        assertThat(onlyText(read(register(new Docs()), "docs://stats"))).isEqualTo(new ResourceContents.Text(
                "docs://stats", "application/json", "{\"pages\":3,\"authors\":[\"ada\",\"grace\"]}"));
    }

    @Test
    void usesContentsAsGivenFillingInTheUriAndTheDeclaredMimeType() {
        ServerRegistries registries = register(new Docs());

        assertThat(read(registries, "docs://contents").contents())
            .containsExactly(new ResourceContents.Text("docs://contents", null, "without uri and type"));
        assertThat(read(registries, "docs://bundle").contents()).containsExactly(
                new ResourceContents.Text("docs://bundle/a", "text/csv", "a,b"),
                new ResourceContents.Blob("docs://bundle", "text/plain", "AAE="));
        assertThat(read(registries, "docs://result").meta()).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void injectsTheRequestContext() {
        McpRequestContext context = mock(McpRequestContext.class);
        when(context.sessionId()).thenReturn("s-1");

        assertThat(onlyText(read(register(new Docs()), "docs://context", context)).text()).isEqualTo("session s-1");
    }

    @Test
    void nullOrAnEmptyOptionalIsResourceNotFoundWithTheUriInData() {
        ServerRegistries registries = register(new Docs());

        for (String uri : List.of("docs://missing", "docs://null")) {
            assertThatExceptionOfType(McpException.class).isThrownBy(() -> read(registries, uri))
                .satisfies(ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCodes.RESOURCE_NOT_FOUND);
                    assertThat(ex.getMessage()).isEqualTo("Resource not found: " + uri);
                    assertThat(ex.data()).isEqualTo(Map.of("uri", uri));
                });
        }
    }

    @Test
    void aFailureIsAnInternalErrorThatHidesTheException() {
        ServerRegistries registries = register(new Docs());

        for (String uri : List.of("docs://broken", "docs://checked")) {
            assertThatExceptionOfType(McpException.class).isThrownBy(() -> read(registries, uri))
                .satisfies(ex -> {
                    assertThat(ex.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
                    assertThat(ex.getMessage()).isEqualTo("Internal error while reading resource '" + uri + "'");
                    assertThat(ex.data()).isEqualTo(Map.of("uri", uri));
                });
        }
    }

    @Test
    void anMcpExceptionPassesThrough() {
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> read(register(new Docs()), "docs://refused"))
            .satisfies(ex -> {
                assertThat(ex.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
                assertThat(ex.getMessage()).isEqualTo("You may not read this");
            });
    }

    // ---- templates -------------------------------------------------------------------------------------------

    enum Size {
        SMALL, LARGE
    }

    static class Users {

        @McpResource(uri = "users://{id}/profile", title = "Profile", description = "A user's profile",
                audience = Role.ASSISTANT)
        Map<String, Object> profile(long id) {
            return id == 404 ? null : Map.of("id", id);
        }

        @McpResource(uri = "users://{id}/avatar{?size,tag}", mimeType = "image/png")
        byte[] avatar(UUID id, Optional<Size> size, String tag) {
            return (id + " " + size.map(Enum::name).orElse("-") + " " + tag).getBytes(StandardCharsets.UTF_8);
        }

        @McpResource(uri = "files://{+path}")
        String file(ResourceRead read, McpRequestContext context) {
            return read.uri() + " -> " + read.variables().get("path");
        }

        @McpResource(uri = "orgs://{org.id}/name")
        String orgName(ResourceRead read) {
            return read.variables().get("org.id");
        }
    }

    static class Overlapping {

        @McpResource(uri = "docs://{+path}")
        String path(String path) {
            return "path " + path;
        }

        @McpResource(uri = "docs://{id}/meta")
        String meta(String id) {
            return "meta " + id;
        }

        @McpResource(uri = "search://items{?q,page,limit}")
        String search(Optional<String> q, int page, OptionalInt limit) {
            return q.orElse("-") + " " + page + " " + limit;
        }

        @McpResource(uri = "sizes://{size}")
        String size(Size size) {
            if (size == Size.LARGE) {
                throw new IllegalArgumentException("large sizes are not published yet");
            }
            return size.name();
        }
    }

    static class SameUris {

        @McpResource(uri = "x://{a}")
        String a(String a) {
            return a;
        }

        @McpResource(uri = "x://{b}")
        String b(String b) {
            return b;
        }
    }

    @Test
    void aUriIsReadByTheMostSpecificTemplateItMatches() {
        ServerRegistries registries = register(new Overlapping());

        assertThat(onlyText(read(registries, "docs://7/meta")).text()).isEqualTo("meta 7");
        assertThat(onlyText(read(registries, "docs://a/b/c")).text()).isEqualTo("path a/b/c");
        assertThat(failure(new SameUris())).contains("'x://{a}'", "'x://{b}'", "match the same URIs");
    }

    @Test
    void aPrimitiveVariableCannotBeLeftOutNorAnEnumGivenByIndex() {
        ServerRegistries registries = register(new Overlapping());

        assertThat(onlyText(read(registries, "search://items?page=2")).text()).isEqualTo("- 2 OptionalInt.empty");
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> read(registries, "search://items?q=a"))
            .satisfies(ex -> assertThat(ex.getMessage()).endsWith("('page' is required)"));
        assertThat(onlyText(read(registries, "sizes://SMALL")).text()).isEqualTo("SMALL");
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> read(registries, "sizes://0"))
            .satisfies(ex -> assertThat(ex.getMessage()).contains("'size': expected one of"));
    }

    @Test
    void anIllegalArgumentTheApplicationThrowsIsInvalidParamsWithItsMessage() {
        assertThatExceptionOfType(McpException.class)
            .isThrownBy(() -> read(register(new Overlapping()), "sizes://LARGE"))
            .satisfies(ex -> {
                assertThat(ex.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
                assertThat(ex.getMessage()).isEqualTo("Invalid params: large sizes are not published yet");
                assertThat(ex.data()).isEqualTo(Map.of("uri", "sizes://LARGE"));
            });
    }

    @Test
    void aUriWithVariablesIsATemplate() {
        ServerRegistries registries = register(new Users());

        assertThat(registries.resources().isEmpty()).isTrue();
        assertThat(registries.resourceTemplates().list()).extracting(t -> t.template().uriTemplate())
            .containsExactly("files://{+path}", "orgs://{org.id}/name", "users://{id}/avatar{?size,tag}",
                    "users://{id}/profile");
        ResourceTemplate profile = registries.resourceTemplates().find("users://{id}/profile").orElseThrow()
            .template();
        assertThat(json(profile)).isEqualTo("{\"uriTemplate\":\"users://{id}/profile\","
                + "\"name\":\"profile\",\"title\":\"Profile\",\"description\":\"A user's profile\","
                + "\"mimeType\":\"application/json\",\"annotations\":{\"audience\":[\"assistant\"]}}");
    }

    @Test
    void bindsTemplateVariablesByNameConvertingThem() {
        ServerRegistries registries = register(new Users());

        assertThat(onlyText(read(registries, "users://42/profile")))
            .isEqualTo(new ResourceContents.Text("users://42/profile", "application/json", "{\"id\":42}"));
        UUID id = UUID.randomUUID();
        ResourceContents.Blob avatar = (ResourceContents.Blob) read(registries,
                "users://" + id + "/avatar?size=LARGE&tag=a%20b").contents().get(0);
        assertThat(avatar.mimeType()).isEqualTo("image/png");
        assertThat(new String(Base64.getDecoder().decode(avatar.blob()), StandardCharsets.UTF_8))
            .isEqualTo(id + " LARGE a b");
        ResourceContents.Blob plain = (ResourceContents.Blob) read(registries, "users://" + id + "/avatar")
            .contents().get(0);
        assertThat(new String(Base64.getDecoder().decode(plain.blob()), StandardCharsets.UTF_8))
            .isEqualTo(id + " - null");
    }

    @Test
    void aResourceReadParameterGivesTheUriAndEveryVariable() {
        ServerRegistries registries = register(new Users());

        assertThat(onlyText(read(registries, "files://a/b/c.txt")).text()).isEqualTo("files://a/b/c.txt -> a/b/c.txt");
        assertThat(onlyText(read(registries, "orgs://acme/name")).text()).isEqualTo("acme");
    }

    @Test
    void aVariableThatCannotBeConvertedIsResourceNotFound() {
        ServerRegistries registries = register(new Users());

        assertThatExceptionOfType(McpException.class).isThrownBy(() -> read(registries, "users://ada/profile"))
            .satisfies(ex -> {
                assertThat(ex.code()).isEqualTo(ErrorCodes.RESOURCE_NOT_FOUND);
                assertThat(ex.getMessage())
                    .isEqualTo("Resource not found: users://ada/profile ('id': expected an integer, got \"ada\")");
                assertThat(ex.data()).isEqualTo(Map.of("uri", "users://ada/profile"));
            });
        assertThatExceptionOfType(McpException.class)
            .isThrownBy(() -> read(registries, "users://" + UUID.randomUUID() + "/avatar?size=HUGE"))
            .satisfies(ex -> assertThat(ex.getMessage()).contains("'size': expected one of"));
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> read(registries, "users:///profile"))
            .satisfies(ex -> assertThat(ex.getMessage()).endsWith("('id' must not be empty)"));
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> read(registries, "users://404/profile"))
            .satisfies(ex -> assertThat(ex.getMessage()).isEqualTo("Resource not found: users://404/profile"));
    }

    // ---- startup failures ------------------------------------------------------------------------------------

    static class UnknownVariable {

        @McpResource(uri = "users://{id}/profile")
        String profile(String id, String name) {
            return "";
        }
    }

    static class UnboundVariable {

        @McpResource(uri = "repos://{owner}/{repo}/{branch}")
        String repo(String owner) {
            return "";
        }
    }

    static class ParameterOfFixedResource {

        @McpResource(uri = "docs://guide")
        String guide(String section) {
            return "";
        }
    }

    static class UnconvertibleVariable {

        record Point(int x, int y) {
        }

        @McpResource(uri = "points://{point}")
        String point(Point point) {
            return "";
        }
    }

    static class VoidResource {

        @McpResource(uri = "docs://void")
        void nothing() {
        }
    }

    static class AsyncResource {

        @McpResource(uri = "docs://later")
        Future<String> later() {
            return CompletableFuture.completedFuture("");
        }
    }

    static class RelativeUri {

        @McpResource(uri = "guide.md")
        String guide() {
            return "";
        }
    }

    static class InvalidTemplate {

        @McpResource(uri = "users://{id")
        String user(ResourceRead read) {
            return "";
        }
    }

    static class SizedTemplate {

        @McpResource(uri = "users://{id}", size = 10)
        String user(String id) {
            return "";
        }
    }

    static class BadAnnotations {

        @McpResource(uri = "docs://a", priority = 1.5)
        String a() {
            return "";
        }

        @McpResource(uri = "docs://b", lastModified = "yesterday")
        String b() {
            return "";
        }

        @McpResource(uri = "docs://c", icons = @McpIcon(src = "logo.png"))
        String c() {
            return "";
        }

        @McpResource(uri = "docs://d", icons = @McpIcon(src = "https://example.com/d.png", theme = "blue"))
        String d() {
            return "";
        }

        @McpResource(uri = "docs://e", size = -2)
        String e() {
            return "";
        }
    }

    static class DuplicateUri {

        @McpResource(uri = "docs://same")
        String one() {
            return "";
        }

        @McpResource(uri = "docs://same")
        String two() {
            return "";
        }
    }

    @Test
    void aParameterThatIsNoVariableFailsStartup() {
        assertThat(failure(new UnknownVariable())).isEqualTo("Cannot register @McpResource method"
                + " ResourceAnnotationTests.UnknownVariable.profile(String, String): its parameter 'name' is not a"
                + " variable of its URI template 'users://{id}/profile', whose variables are 'id'");
        assertThat(failure(new ParameterOfFixedResource())).isEqualTo("Cannot register @McpResource method"
                + " ResourceAnnotationTests.ParameterOfFixedResource.guide(String): its parameter 'section' cannot be"
                + " bound: the uri 'docs://guide' has no variables, so a parameter can only be a McpRequestContext,"
                + " a PeerHandle or a ResourceRead");
    }

    @Test
    void aVariableThatNoParameterBindsFailsStartup() {
        assertThat(failure(new UnboundVariable())).isEqualTo("Cannot register @McpResource method"
                + " ResourceAnnotationTests.UnboundVariable.repo(String): the variables 'repo', 'branch' of its URI"
                + " template 'repos://{owner}/{repo}/{branch}' are bound to no parameter: add a parameter of the same"
                + " name for each, or a ResourceRead parameter to read them from");
    }

    @Test
    void aVariableTypeThatCannotBeMadeFromAStringFailsStartup() {
        assertThat(failure(new UnconvertibleVariable())).isEqualTo("Cannot register @McpResource method"
                + " ResourceAnnotationTests.UnconvertibleVariable.point(Point): its parameter 'point' of type"
                + " dev.mcpspring.annotation.ResourceAnnotationTests$UnconvertibleVariable$Point cannot be converted"
                + " from a string: use String, a number, boolean, enum, UUID, URI, java.time type or another type"
                + " Jackson reads from a JSON string");
    }

    @Test
    void unsupportedReturnTypesFailStartup() {
        assertThat(failure(new VoidResource())).endsWith("VoidResource.nothing(): it returns nothing: a resource"
                + " method returns the contents (a String, a byte[], ResourceContents, a ReadResourceResult or an"
                + " object written as JSON)");
        assertThat(failure(new AsyncResource())).contains("AsyncResource.later(): its return type"
                + " java.util.concurrent.Future<java.lang.String> is asynchronous in a way that is not supported");
    }

    @Test
    void invalidUrisFailStartup() {
        assertThat(failure(new RelativeUri())).endsWith("RelativeUri.guide(): its uri 'guide.md' is not an absolute"
                + " URI: it needs a scheme, such as file:, https: or one of your own like docs:");
        assertThat(failure(new InvalidTemplate())).endsWith("InvalidTemplate.user(ResourceRead): its uri is not a"
                + " valid RFC 6570 URI template: Unbalanced brace in URI template 'users://{id'");
        assertThat(failure(new SizedTemplate())).endsWith("SizedTemplate.user(String): it declares a size, but its"
                + " uri 'users://{id}' is a template whose resources each have a size of their own: leave size out");
    }

    @Test
    void invalidAnnotationsAndIconsFailStartupTogether() {
        String message = failure(new BadAnnotations());

        assertThat(message).startsWith("5 @McpResource methods cannot be registered:\n - ");
        assertThat(message).contains("BadAnnotations.a(): its priority 1.5 is not between 0.0 (optional) and 1.0"
                + " (required)");
        assertThat(message).contains("BadAnnotations.b(): its lastModified 'yesterday' is not an ISO 8601 date-time"
                + " with an offset, such as 2025-01-12T15:00:58Z");
        assertThat(message).contains("BadAnnotations.c(): its icon src 'logo.png' is not an absolute URI: use an"
                + " https: URL or a data: URI");
        assertThat(message).contains("BadAnnotations.d(): its icon theme 'blue' is neither 'light' nor 'dark'");
        assertThat(message).contains("BadAnnotations.e(): its size -2 is negative");
    }

    @Test
    void aDuplicateUriFailsStartupNamingBothMethods() {
        assertThatIllegalStateException().isThrownBy(() -> register(new DuplicateUri()))
            .withMessageContaining("Duplicate MCP resource URI 'docs://same': declared by"
                    + " ResourceAnnotationTests.DuplicateUri.one() and by ResourceAnnotationTests.DuplicateUri.two()");
    }
}
