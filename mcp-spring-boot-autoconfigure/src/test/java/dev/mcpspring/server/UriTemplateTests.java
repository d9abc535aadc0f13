package dev.mcpspring.server;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UriTemplateTests {

    @Test
    void simpleVariablesMatchOneSegmentEach() {
        UriTemplate template = UriTemplate.parse("test://template/{id}/data");

        assertThat(template.variables()).containsExactly("id");
        assertThat(template.match("test://template/42/data")).contains(Map.of("id", "42"));
        assertThat(template.match("test://template/4/2/data")).isEmpty();
        assertThat(template.match("test://template/42/other")).isEmpty();
    }

    @Test
    void valuesArePercentDecoded() {
        UriTemplate template = UriTemplate.parse("users://{name}/profile");

        assertThat(template.match("users://J%C3%BCrgen%20M/profile")).contains(Map.of("name", "Jürgen M"));
        assertThat(template.match("users://a+b/profile")).contains(Map.of("name", "a+b"));
    }

    @Test
    void aValueThatIsNoValidPercentEncodingMatchesNothing() {
        UriTemplate template = UriTemplate.parse("echo://{text}{?q}");

        assertThat(template.match("echo://%FF%FE")).isEmpty();
        assertThat(template.match("echo://%zz")).isEmpty();
        assertThat(template.match("echo://100%")).isEmpty();
        assertThat(template.match("echo://a?q=%C3")).isEmpty();
        assertThat(template.match("echo://%E2%82%AC?q=%C3%A9")).contains(Map.of("text", "€", "q", "é"));
    }

    @Test
    void reservedExpansionSpansSlashes() {
        UriTemplate template = UriTemplate.parse("file:///{+path}");

        assertThat(template.match("file:///home/me/notes.txt")).contains(Map.of("path", "home/me/notes.txt"));
    }

    @Test
    void pathSegmentAndLabelOperators() {
        assertThat(UriTemplate.parse("repo://x{/owner,name}").match("repo://x/spring/boot"))
            .contains(Map.of("owner", "spring", "name", "boot"));
        assertThat(UriTemplate.parse("doc://file{.ext}").match("doc://file.md")).contains(Map.of("ext", "md"));
    }

    @Test
    void queryVariablesMayComeInAnyOrderAndBeMissing() {
        UriTemplate template = UriTemplate.parse("search://items{?q,limit}");

        assertThat(template.match("search://items?limit=5&q=red%20shoes"))
            .contains(Map.of("q", "red shoes", "limit", "5"));
        assertThat(template.match("search://items?q=x")).contains(Map.of("q", "x"));
        assertThat(template.match("search://items")).contains(Map.of());
    }

    @Test
    void literalTemplatesMatchOnlyThemselves() {
        UriTemplate template = UriTemplate.parse("test://static-text");

        assertThat(template.isLiteral()).isTrue();
        assertThat(template.match("test://static-text")).contains(Map.of());
        assertThat(template.match("test://static-textX")).isEmpty();
    }

    @Test
    void regexCharactersInLiteralsAreLiteral() {
        UriTemplate template = UriTemplate.parse("a.b+c://(x)/{id}");

        assertThat(template.match("a.b+c://(x)/7")).contains(Map.of("id", "7"));
        assertThat(template.match("aXb+c://(x)/7")).isEmpty();
    }

    @Test
    void theOneVariableOfAReservedExpansionMayContainCommas() {
        assertThat(UriTemplate.parse("files://{+path}").match("files://a,b/c")).contains(Map.of("path", "a,b/c"));
        assertThat(UriTemplate.parse("files://{+dir,name}").match("files://a/b,c")).contains(Map.of("dir", "a/b",
                "name", "c"));
    }

    @Test
    void anExplodedVariableMatchesItsSeparatorsAndAPrefixItsLength() {
        UriTemplate segments = UriTemplate.parse("seg://x{/parts*}");
        assertThat(segments.match("seg://x/a/b/c")).contains(Map.of("parts", "a/b/c"));
        assertThat(segments.match("seg://x")).contains(Map.of());
        UriTemplate list = UriTemplate.parse("tags://{tags*}");
        assertThat(list.match("tags://red,green")).contains(Map.of("tags", "red,green"));

        UriTemplate prefix = UriTemplate.parse("pfx://{code:3}");
        assertThat(prefix.match("pfx://abc")).contains(Map.of("code", "abc"));
        assertThat(prefix.match("pfx://%20bc")).contains(Map.of("code", " bc"));
        assertThat(prefix.match("pfx://abcdef")).isEmpty();
    }

    @Test
    void theTemplateWithMoreLiteralCharactersIsTheMoreSpecific() {
        UriTemplate meta = UriTemplate.parse("docs://{id}/meta");
        UriTemplate path = UriTemplate.parse("docs://{+path}");

        assertThat(meta.isMoreSpecificThan(path)).isTrue();
        assertThat(path.isMoreSpecificThan(meta)).isFalse();
        assertThat(UriTemplate.parse("x://{a}").matchesTheSameAs(UriTemplate.parse("x://{b}"))).isTrue();
        assertThat(UriTemplate.parse("x://{a}").matchesTheSameAs(UriTemplate.parse("x://{+b}"))).isFalse();
        assertThat(UriTemplate.parse("x://{a:2}").matchesTheSameAs(UriTemplate.parse("x://{b:3}"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "test://{", "test://}", "test://{a b}", "test://{-x}", "dup://{x}/{x}" })
    void invalidTemplatesAreRefused(String template) {
        assertThatIllegalArgumentException().isThrownBy(() -> UriTemplate.parse(template));
    }
}
