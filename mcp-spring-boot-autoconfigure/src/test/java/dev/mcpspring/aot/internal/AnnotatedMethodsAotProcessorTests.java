package dev.mcpspring.aot.internal;

import static dev.mcpspring.aot.internal.BindingAssertions.assertBindable;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import reactor.core.publisher.Mono;

import dev.mcpspring.annotation.McpComplete;
import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;

/**
 * The hints {@link AnnotatedMethodsAotProcessor} contributes when Spring processes an application context ahead of
 * time, as the build does: the annotated methods for invocation, the types of their parameters and results for
 * binding, and nothing for what the starter does not call or bind.
 */
class AnnotatedMethodsAotProcessorTests {

    @Test
    void aToolTakingARecordAndReturningARecordIsInvokableAndItsTypesBindable() {
        RuntimeHints hints = processAheadOfTime(TripTools.class);

        assertThat(invocation(TripTools.class, "plan")).accepts(hints);
        assertBindable(hints, TripRequest.class);
        assertBindable(hints, Itinerary.class);
    }

    @Test
    void theTypesTheRecordsReachAreBindableToo() {
        RuntimeHints hints = processAheadOfTime(TripTools.class);

        // a record component, the elements of a list, the values of a map, an enum
        assertBindable(hints, Place.class);
        assertBindable(hints, Stop.class);
        assertBindable(hints, Leg.class);
        assertBindable(hints, Cost.class);
        assertThat(RuntimeHintsPredicates.reflection().onType(Transport.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(Transport.class, "BICYCLE")).accepts(hints);
    }

    @Test
    void injectedParametersAndMethodsThatAreNoToolsGetNothing() {
        RuntimeHints hints = processAheadOfTime(TripTools.class);

        assertThat(RuntimeHintsPredicates.reflection().onType(PeerHandle.class)).rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(McpRequestContext.class)).rejects(hints);
        assertThat(invocation(TripTools.class, "helper")).rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Unrelated.class)).rejects(hints);
    }

    @Test
    void aBeanWithoutAnnotatedMethodsContributesNothing() {
        RuntimeHints hints = processAheadOfTime(PlainBean.class);

        assertThat(invocation(PlainBean.class, "compute")).rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Unrelated.class)).rejects(hints);
    }

    @Test
    void futuresMonosOptionalsAndArraysAreLookedThrough() {
        RuntimeHints hints = processAheadOfTime(AsyncTools.class);

        assertThat(invocation(AsyncTools.class, "report")).accepts(hints);
        assertThat(invocation(AsyncTools.class, "summary")).accepts(hints);
        assertBindable(hints, Report.class);
        assertBindable(hints, Reading.class);
        assertBindable(hints, Summary.class);
        assertBindable(hints, Period.class);
    }

    @Test
    void subtypesOfSealedTypesAndJacksonSubTypesAreBindable() {
        RuntimeHints hints = processAheadOfTime(ShapeTools.class);

        assertBindable(hints, Circle.class);
        assertBindable(hints, Square.class);
        assertBindable(hints, Cat.class);
        // reached from a subtype only
        assertBindable(hints, Collar.class);
    }

    @Test
    void typeVariablesAreResolvedAgainstTheBeanClass() {
        RuntimeHints hints = processAheadOfTime(NoteTools.class);

        assertThat(invocation(CrudTools.class, "find")).accepts(hints);
        assertBindable(hints, Note.class);
    }

    @Test
    void resourcePromptAndCompletionMethodsAreCoveredToo() {
        RuntimeHints hints = processAheadOfTime(DocsMethods.class);

        assertThat(invocation(DocsMethods.class, "doc")).accepts(hints);
        assertThat(invocation(DocsMethods.class, "greet")).accepts(hints);
        assertThat(invocation(DocsMethods.class, "complete")).accepts(hints);
        assertBindable(hints, Doc.class);
        assertBindable(hints, Greeting.class);
    }

    @Test
    void theProcessorIsRegisteredForSpringsAotProcessing() {
        assertThat(org.springframework.beans.factory.aot.AotServices
            .factories(getClass().getClassLoader())
            .load(org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor.class))
            .hasAtLeastOneElementOfType(AnnotatedMethodsAotProcessor.class);
    }

    /** What the build's AOT processing contributes for a context holding one bean of {@code beanClass}. */
    private static RuntimeHints processAheadOfTime(Class<?> beanClass) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.registerBeanDefinition("bean", new RootBeanDefinition(beanClass));
        TestGenerationContext generationContext = new TestGenerationContext();
        new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
        return generationContext.getRuntimeHints();
    }

    private static Predicate<RuntimeHints> invocation(Class<?> type, String method) {
        return RuntimeHintsPredicates.reflection().onMethodInvocation(type, method);
    }

    // ------------------------------------------------------------------ beans

    static class TripTools {

        @McpTool(description = "Plans a trip")
        Itinerary plan(@McpToolParam(description = "Where and how") TripRequest request, PeerHandle peer,
                McpRequestContext context) {
            return new Itinerary(List.of(), Map.of());
        }

        Unrelated helper(Unrelated unrelated) {
            return unrelated;
        }
    }

    static class PlainBean {

        public Unrelated compute(Unrelated unrelated) {
            return unrelated;
        }
    }

    static class AsyncTools {

        @McpTool(description = "A report")
        CompletableFuture<Optional<Report>> report(Reading[] readings) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        @McpTool(description = "A summary")
        Mono<Summary> summary(Optional<Period> period) {
            return Mono.empty();
        }
    }

    static class ShapeTools {

        @McpTool(description = "Draws a shape")
        Shape draw(Animal model) {
            return new Circle(1);
        }
    }

    abstract static class CrudTools<T> {

        @McpTool(description = "Finds one")
        T find(int id) {
            return null;
        }
    }

    static class NoteTools extends CrudTools<Note> {
    }

    static class DocsMethods {

        @McpResource(uri = "docs://{name}")
        Doc doc(String name) {
            return new Doc(name, "");
        }

        @McpPrompt(description = "Greets")
        Greeting greet(String name) {
            return new Greeting(name);
        }

        @McpComplete(prompt = "greet", argument = "name")
        List<String> complete(String prefix) {
            return List.of();
        }
    }

    // ------------------------------------------------------------------ types

    record TripRequest(@McpToolParam(description = "The city") @NotBlank String city, Place from,
            Transport transport, List<Stop> stops) {
    }

    record Place(String name, double latitude, double longitude) {
    }

    enum Transport {
        TRAIN, @JsonProperty("bike") BICYCLE
    }

    record Stop(String name) {
    }

    record Itinerary(List<Leg> legs, Map<String, Cost> costs) {
    }

    record Leg(String from, String to) {
    }

    record Cost(double amount) {
    }

    record Unrelated(String value) {
    }

    record Report(String text) {
    }

    record Reading(double value) {
    }

    record Summary(String text) {
    }

    record Period(String from, String to) {
    }

    sealed interface Shape permits Circle, Square {
    }

    record Circle(double radius) implements Shape {
    }

    record Square(double side) implements Shape {
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
    @JsonSubTypes(@JsonSubTypes.Type(value = Cat.class, name = "cat"))
    interface Animal {
    }

    record Cat(Collar collar) implements Animal {
    }

    record Collar(String colour) {
    }

    record Note(String text) {
    }

    record Doc(String name, String body) {
    }

    record Greeting(String text) {
    }
}
