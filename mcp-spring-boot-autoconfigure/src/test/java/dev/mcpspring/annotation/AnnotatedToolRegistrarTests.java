package dev.mcpspring.annotation;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.mcpspring.annotation.internal.AnnotatedMethodRegistrar;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.server.internal.ServerRegistries;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.executable.ExecutableValidator;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Scope;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.MethodValidationPostProcessor;
import reactor.core.publisher.Flux;

import static dev.mcpspring.annotation.TestTools.call;
import static dev.mcpspring.annotation.TestTools.errorText;
import static dev.mcpspring.annotation.TestTools.successText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class AnnotatedToolRegistrarTests {

    // ---- infrastructure -------------------------------------------------------------------------------------

    @Configuration(proxyBeanMethods = false)
    static class McpConfig {

        @Bean
        ServerRegistries serverRegistries() {
            return ServerRegistries.empty();
        }

        @Bean
        ToolRegistry toolRegistry(ServerRegistries registries) {
            return registries.tools();
        }

        @Bean
        AnnotatedMethodRegistrar annotatedMethodRegistrar(ServerRegistries registries) {
            return new AnnotatedMethodRegistrar(registries, JsonSchemas.MAPPER);
        }
    }

    /** Counts transactions; tells whether one is active. */
    static class CountingTransactionManager extends AbstractPlatformTransactionManager {

        final AtomicInteger commits = new AtomicInteger();

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            commits.incrementAndGet();
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }

    private static AnnotationConfigApplicationContext context(Class<?>... configurations) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.register(McpConfig.class);
        context.register(configurations);
        context.refresh();
        return context;
    }

    private static ToolSpecification tool(AnnotationConfigApplicationContext context, String name) {
        ToolSpecification tool = context.getBean(ToolRegistry.class).find(name).orElse(null);
        assertThat(tool).as("tool %s", name).isNotNull();
        return JsonSchemas.assertValidSchemas(tool);
    }

    private static String registrationFailure(Class<?>... configurations) {
        try (AnnotationConfigApplicationContext context = context(configurations)) {
            throw new AssertionError("the context started: " + context.getBean(ToolRegistry.class).list());
        }
        catch (IllegalStateException ex) {
            return ex.getMessage();
        }
    }

    // ---- plain beans -----------------------------------------------------------------------------------------

    static class PlainTools {

        @McpTool(description = "Adds")
        int add(int a, int b) {
            return a + b;
        }

        @McpTool
        private String hidden() {
            return "private methods of beans without a proxy are fine";
        }

        @McpTool
        static String version() {
            return "1.0";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class PlainConfig {

        @Bean
        PlainTools plainTools() {
            return new PlainTools();
        }
    }

    @Test
    void registersTheToolsOfPlainBeans() {
        try (AnnotationConfigApplicationContext context = context(PlainConfig.class)) {
            assertThat(context.getBean(ToolRegistry.class).list()).extracting(t -> t.tool().name())
                .containsExactly("add", "hidden", "version");
            ToolSpecification add = tool(context, "add");
            assertThat(add.source()).isEqualTo("AnnotatedToolRegistrarTests.PlainTools.add(int, int) of bean 'plainTools'");
            assertThat(add.tool().description()).isEqualTo("Adds");
            tools.jackson.databind.JsonNode sum = JsonSchemas.MAPPER.valueToTree(call(add, "{\"a\":2,\"b\":3}").structuredContent());
            assertThat(sum).hasToString("{\"result\":5}");
            assertThat(successText(call(tool(context, "hidden"), "{}"))).startsWith("private methods");
            assertThat(successText(call(tool(context, "version"), "{}"))).isEqualTo("1.0");
        }
    }

    // ---- CGLIB proxies: @Transactional ------------------------------------------------------------------------

    static class TransactionalTools {

        @McpTool
        @Transactional
        public String save(String item) {
            return "saved " + item + " in transaction: " + TransactionSynchronizationManager.isActualTransactionActive();
        }

        @McpTool
        @Transactional
        String savePackagePrivate(String item) {
            return "saved " + item + " in transaction: " + TransactionSynchronizationManager.isActualTransactionActive();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement(proxyTargetClass = true)
    static class TransactionalConfig {

        @Bean
        CountingTransactionManager transactionManager() {
            return new CountingTransactionManager();
        }

        @Bean
        TransactionalTools transactionalTools() {
            return new TransactionalTools();
        }
    }

    @Test
    void callsMethodsOfCglibProxiesThroughTheProxy() {
        try (AnnotationConfigApplicationContext context = context(TransactionalConfig.class)) {
            assertThat(AopUtils.isCglibProxy(context.getBean(TransactionalTools.class))).isTrue();
            CountingTransactionManager transactions = context.getBean(CountingTransactionManager.class);
            assertThat(successText(call(tool(context, "save"), "{\"item\":\"tea\"}")))
                .isEqualTo("saved tea in transaction: true");
            assertThat(successText(call(tool(context, "savePackagePrivate"), "{\"item\":\"milk\"}")))
                .isEqualTo("saved milk in transaction: true");
            assertThat(transactions.commits).hasValue(2);
            assertThat(tool(context, "save").source()).startsWith("AnnotatedToolRegistrarTests.TransactionalTools.save(String)");
        }
    }

    // ---- JDK proxies, annotations on interfaces --------------------------------------------------------------

    interface Greeter {

        @McpTool(description = "Greets someone")
        String greet(@McpToolParam(description = "Who to greet") String name);
    }

    static class SimpleGreeter implements Greeter {

        @Override
        public String greet(String name) {
            return "Hello " + name;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class JdkProxyConfig {

        @Bean
        Greeter greeter() {
            ProxyFactory factory = new ProxyFactory(new SimpleGreeter());
            factory.addAdvice((MethodInterceptor) invocation -> "[" + invocation.proceed() + "]");
            return (Greeter) factory.getProxy();
        }
    }

    @Test
    void findsAnnotationsOnInterfacesOfJdkProxies() {
        try (AnnotationConfigApplicationContext context = context(JdkProxyConfig.class)) {
            assertThat(AopUtils.isJdkDynamicProxy(context.getBean("greeter"))).isTrue();
            ToolSpecification greet = tool(context, "greet");
            assertThat(greet.tool().description()).isEqualTo("Greets someone");
            assertThat(greet.tool().inputSchema().at("/properties/name/description").asString()).isEqualTo("Who to greet");
            assertThat(successText(call(greet, "{\"name\":\"Ada\"}"))).isEqualTo("[Hello Ada]");
        }
    }

    interface Inventory {

        @McpTool
        String stock(String item);
    }

    static class TransactionalInventory implements Inventory {

        @Override
        @Transactional
        public String stock(String item) {
            return item + " in transaction: " + TransactionSynchronizationManager.isActualTransactionActive();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class JdkAutoProxyConfig {

        @Bean
        CountingTransactionManager transactionManager() {
            return new CountingTransactionManager();
        }

        @Bean
        Inventory inventory() {
            return new TransactionalInventory();
        }
    }

    @Test
    void findsInterfaceAnnotationsOfAutoProxiedBeans() {
        try (AnnotationConfigApplicationContext context = context(JdkAutoProxyConfig.class)) {
            assertThat(AopUtils.isJdkDynamicProxy(context.getBean("inventory"))).isTrue();
            ToolSpecification stock = tool(context, "stock");
            assertThat(stock.source()).startsWith("AnnotatedToolRegistrarTests.TransactionalInventory.stock(String)");
            assertThat(successText(call(stock, "{\"item\":\"tea\"}"))).isEqualTo("tea in transaction: true");
        }
    }

    static class NotOnInterface implements Inventory {

        @Override
        @Transactional
        public String stock(String item) {
            return item;
        }

        @McpTool
        public String audit() {
            return "not reachable through a JDK proxy";
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement
    static class NotOnInterfaceConfig {

        @Bean
        CountingTransactionManager transactionManager() {
            return new CountingTransactionManager();
        }

        @Bean
        Inventory auditedInventory() {
            return new NotOnInterface();
        }
    }

    @Test
    void failsForMethodsAJdkProxyDoesNotExpose() {
        assertThat(registrationFailure(NotOnInterfaceConfig.class))
            .startsWith("Cannot register @McpTool method AnnotatedToolRegistrarTests.NotOnInterface.audit() of bean"
                    + " 'auditedInventory': ")
            .contains("not found in any interface(s) of the exposed proxy type");
    }

    // ---- @Validated proxies -----------------------------------------------------------------------------------

    @Validated
    static class ValidatedTools {

        @McpTool
        public String repeat(@NotBlank String text, @Min(1) int count) {
            return text.repeat(count);
        }
    }

    static class UnproxiedConstrainedTools {

        @McpTool
        public String shout(@NotBlank String text) {
            return text.toUpperCase();
        }
    }

    /** A Validator that counts the parameter validations done through it. */
    static Validator countingValidator(AtomicInteger count) {
        Validator delegate = Validation.buildDefaultValidatorFactory().getValidator();
        InvocationHandler executables = (proxy, method, args) -> {
            if (method.getName().equals("validateParameters")) {
                count.incrementAndGet();
            }
            return invoke(method, delegate.forExecutables(), args);
        };
        ExecutableValidator executableValidator = (ExecutableValidator) Proxy.newProxyInstance(
                AnnotatedToolRegistrarTests.class.getClassLoader(), new Class<?>[] { ExecutableValidator.class },
                executables);
        return (Validator) Proxy.newProxyInstance(AnnotatedToolRegistrarTests.class.getClassLoader(),
                new Class<?>[] { Validator.class }, (proxy, method, args) -> method.getName().equals("forExecutables")
                        ? executableValidator : invoke(method, delegate, args));
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        }
        catch (java.lang.reflect.InvocationTargetException ex) {
            throw ex.getTargetException();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ValidatedConfig {

        static final AtomicInteger validations = new AtomicInteger();

        @Bean
        static Validator validator() {
            return countingValidator(validations);
        }

        @Bean
        static MethodValidationPostProcessor methodValidationPostProcessor() {
            MethodValidationPostProcessor processor = new MethodValidationPostProcessor();
            processor.setValidator(Validation.buildDefaultValidatorFactory().getValidator());
            return processor;
        }

        @Bean
        ValidatedTools validatedTools() {
            return new ValidatedTools();
        }

        @Bean
        UnproxiedConstrainedTools unproxiedConstrainedTools() {
            return new UnproxiedConstrainedTools();
        }
    }

    @Test
    void reportsViolationsFoundByAValidatedProxyWithoutValidatingTwice() {
        ValidatedConfig.validations.set(0);
        try (AnnotationConfigApplicationContext context = context(ValidatedConfig.class)) {
            assertThat(AopUtils.isAopProxy(context.getBean(ValidatedTools.class))).isTrue();
            ToolSpecification repeat = tool(context, "repeat");
            assertThat(errorText(call(repeat, "{\"text\":\"ab\",\"count\":0}")))
                .isEqualTo("Invalid arguments for tool 'repeat': count: must be greater than or equal to 1");
            assertThat(successText(call(repeat, "{\"text\":\"ab\",\"count\":2}"))).isEqualTo("abab");
            // the proxy validated; the context's Validator was not used for this bean
            assertThat(ValidatedConfig.validations).hasValue(0);

            ToolSpecification shout = tool(context, "shout");
            assertThat(errorText(call(shout, "{\"text\":\" \"}")))
                .isEqualTo("Invalid arguments for tool 'shout': text: must not be blank");
            assertThat(ValidatedConfig.validations).hasValue(1);
            assertThat(successText(call(shout, "{\"text\":\"hi\"}"))).isEqualTo("HI");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class AdaptedValidationConfig {

        @Bean
        static MethodValidationPostProcessor methodValidationPostProcessor() {
            MethodValidationPostProcessor processor = new MethodValidationPostProcessor();
            processor.setAdaptConstraintViolations(true);
            return processor;
        }

        @Bean
        ValidatedTools validatedTools() {
            return new ValidatedTools();
        }
    }

    @Test
    void reportsAdaptedViolationsOfAValidatedProxy() {
        try (AnnotationConfigApplicationContext context = context(AdaptedValidationConfig.class)) {
            assertThat(errorText(call(tool(context, "repeat"), "{\"text\":\"\",\"count\":0}")))
                .isEqualTo("Invalid arguments for tool 'repeat': count: must be greater than or equal to 1;"
                        + " text: must not be blank");
        }
    }

    // ---- scopes ------------------------------------------------------------------------------------------------

    static class CountedTools {

        static final AtomicInteger instances = new AtomicInteger();

        private final int instance = instances.incrementAndGet();

        @McpTool
        String instance() {
            return "instance " + instance;
        }
    }

    static class LazyTools {

        static final AtomicInteger instances = new AtomicInteger();

        LazyTools() {
            instances.incrementAndGet();
        }

        @McpTool
        String lazy() {
            return "lazy";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ScopeConfig {

        @Bean
        @Scope("prototype")
        CountedTools countedTools() {
            return new CountedTools();
        }

        @Bean
        @Lazy
        LazyTools lazyTools() {
            return new LazyTools();
        }
    }

    @Test
    void doesNotCreatePrototypeOrLazyBeansAtStartup() {
        CountedTools.instances.set(0);
        LazyTools.instances.set(0);
        try (AnnotationConfigApplicationContext context = context(ScopeConfig.class)) {
            assertThat(CountedTools.instances).hasValue(0);
            assertThat(LazyTools.instances).hasValue(0);
            ToolSpecification instance = tool(context, "instance");
            assertThat(successText(call(instance, "{}"))).isEqualTo("instance 1");
            assertThat(successText(call(instance, "{}"))).isEqualTo("instance 2");
            ToolSpecification lazy = tool(context, "lazy");
            call(lazy, "{}");
            call(lazy, "{}");
            assertThat(LazyTools.instances).hasValue(1);
        }
    }

    // ---- failures ----------------------------------------------------------------------------------------------

    static class SearchTools {

        @McpTool(name = "search")
        String find(String query) {
            return query;
        }
    }

    static class OtherSearchTools {

        @McpTool
        String search(String text) {
            return text;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class DuplicateConfig {

        @Bean
        SearchTools searchTools() {
            return new SearchTools();
        }

        @Bean
        OtherSearchTools otherSearchTools() {
            return new OtherSearchTools();
        }
    }

    @Test
    void failsOnDuplicateNamesNamingBothMethods() {
        assertThat(registrationFailure(DuplicateConfig.class))
            .contains("Duplicate MCP tool name 'search'")
            .contains("AnnotatedToolRegistrarTests.SearchTools.find(String) of bean 'searchTools'")
            .contains("AnnotatedToolRegistrarTests.OtherSearchTools.search(String) of bean 'otherSearchTools'");
    }

    static class PropertyNameTools {

        record Line(@McpToolParam(name = "unit_price") String unitPrice) {
        }

        @McpTool
        String add(Line line) {
            return line.unitPrice();
        }
    }

    static class PropertyHeaderTools {

        record Order(@McpToolParam(header = "Region") String region) {
        }

        @McpTool
        Order place(String id) {
            return new Order("eu");
        }
    }

    @Test
    void failsOnAParameterNameOrHeaderGivenToAPropertyWhereItWouldBeIgnored() {
        assertThat(registrationFailure(PropertyNameTools.class))
            .startsWith("Cannot register @McpTool method AnnotatedToolRegistrarTests.PropertyNameTools.add(Line)")
            .contains("@McpToolParam(name = \"unit_price\") on property 'unitPrice' of Line has no effect: name a "
                    + "property with Jackson's @JsonProperty");
        assertThat(registrationFailure(PropertyHeaderTools.class))
            .startsWith("Cannot register @McpTool method AnnotatedToolRegistrarTests.PropertyHeaderTools.place(String)")
            .contains("@McpToolParam(header = \"Region\") on property 'region' of Order has no effect: only a tool "
                    + "method's parameters can be mirrored into a header");
    }

    static class BadNameTools {

        @McpTool(name = "get weather!")
        String weather() {
            return "";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BadNameConfig {

        @Bean
        BadNameTools badNameTools() {
            return new BadNameTools();
        }
    }

    @Test
    void failsOnInvalidNames() {
        assertThat(registrationFailure(BadNameConfig.class)).isEqualTo(
                "Cannot register @McpTool method AnnotatedToolRegistrarTests.BadNameTools.weather() of bean 'badNameTools':"
                        + " its tool name 'get weather!' is invalid: a tool name must be 1 to 128 characters of A-Z,"
                        + " a-z, 0-9, '_', '-' and '.'");
    }

    static class ProxiedProblemTools {

        @Transactional
        public String transactional() {
            return "";
        }

        @McpTool
        private String secret() {
            return "";
        }

        @McpTool
        public final String sealed() {
            return "";
        }
    }

    static class AsyncTools {

        @McpTool
        Future<String> later() {
            return CompletableFuture.completedFuture("");
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement(proxyTargetClass = true)
    static class UnregistrableConfig {

        @Bean
        CountingTransactionManager transactionManager() {
            return new CountingTransactionManager();
        }

        @Bean
        ProxiedProblemTools proxiedProblemTools() {
            return new ProxiedProblemTools();
        }

        @Bean
        AsyncTools asyncTools() {
            return new AsyncTools();
        }
    }

    @Test
    void failsNamingBeanMethodAndReasonForEveryMethodThatCannotBeRegistered() {
        String message = registrationFailure(UnregistrableConfig.class);
        assertThat(message).startsWith("3 @McpTool methods cannot be registered:\n - ");
        List<String> problems = List.of(message.split("\n - "));
        assertThat(problems).hasSize(4);
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
            .startsWith("Cannot register @McpTool method AnnotatedToolRegistrarTests.ProxiedProblemTools.secret()"
                    + " of bean 'proxiedProblemTools': ")
            .contains("Switch its visibility to package or protected"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
            .startsWith("Cannot register @McpTool method AnnotatedToolRegistrarTests.ProxiedProblemTools.sealed()"
                    + " of bean 'proxiedProblemTools': it is final"));
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
            .startsWith("Cannot register @McpTool method AnnotatedToolRegistrarTests.AsyncTools.later() of bean"
                    + " 'asyncTools': its return type java.util.concurrent.Future<java.lang.String> is"
                    + " asynchronous in a way that is not supported"));
    }

    @Test
    void aFluxResultIsRefusedAsAnyPublisherIs() {
        // Flux implements Publisher only through CorePublisher
        assertThatThrownBy(() -> new AnnotatedMethodRegistrar(ServerRegistries.empty(), McpJsonMapper.create())
            .register(new FluxTools()))
            .hasMessageContaining("its return type reactor.core.publisher.Flux<java.lang.String> is asynchronous in"
                    + " a way that is not supported");
    }

    @Test
    void anHttpResponseIsRefusedSayingToReturnTheBody() {
        assertThatThrownBy(() -> new AnnotatedMethodRegistrar(ServerRegistries.empty(), McpJsonMapper.create())
            .register(new ResponseEntityTools()))
            .hasMessageContaining("its return type org.springframework.http.ResponseEntity<java.lang.String> is an"
                    + " HTTP response, which an MCP handler does not answer with: return the body itself");
    }

    static class ResponseEntityTools {

        @McpTool(description = "Answers like a controller")
        ResponseEntity<String> greeting() {
            return ResponseEntity.ok("hello");
        }
    }

    static class FluxTools {

        @McpTool(description = "Streams words")
        Flux<String> words() {
            return Flux.just("a", "b");
        }
    }

    static class UnreadableArgumentTools {

        interface Shape {
        }

        interface Colour {
        }

        @McpTool
        String draw(Shape shape, String label, Colour colour) {
            return "";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UnreadableConfig {

        @Bean
        UnreadableArgumentTools unreadableArgumentTools() {
            return new UnreadableArgumentTools();
        }
    }

    @Test
    void failsForArgumentTypesJacksonCannotRead() {
        String failure = registrationFailure(UnreadableConfig.class);
        assertThat(failure).startsWith(
                "Cannot register @McpTool method AnnotatedToolRegistrarTests.UnreadableArgumentTools.draw(Shape, "
                        + "String, Colour) of bean 'unreadableArgumentTools': parameter 'shape' of type"
                        + " dev.mcpspring.annotation.AnnotatedToolRegistrarTests$UnreadableArgumentTools$Shape cannot"
                        + " be read from JSON");
        assertThat(failure).as("every such parameter, not only the first").contains("; parameter 'colour' of type"
                + " dev.mcpspring.annotation.AnnotatedToolRegistrarTests$UnreadableArgumentTools$Colour cannot be read"
                + " from JSON").doesNotContain("'label'");
    }

    @Test
    void errorResultsOfRegisteredToolsCarryNoStackTrace() {
        try (AnnotationConfigApplicationContext context = context(PlainConfig.class)) {
            CallToolResult result = call(tool(context, "add"), "{\"a\":\"one\",\"b\":2}");
            assertThat(errorText(result))
                .isEqualTo("Invalid arguments for tool 'add': parameter 'a': expected an integer, got \"one\"");
        }
    }

    static class IconTools {

        @McpTool(icons = { @McpIcon(src = "https://example.com/t.svg", mimeType = "image/svg+xml", sizes = "any"),
                @McpIcon(src = "data:image/png;base64,AAAA", theme = "dark") })
        String iconic() {
            return "";
        }
    }

    @Test
    void listsTheIconsOfATool() {
        ToolSpecification tool = TestTools.tool(new IconTools(), "iconic");

        assertThat(tool.tool().icons()).containsExactly(
                new dev.mcpspring.protocol.Icon("https://example.com/t.svg", "image/svg+xml", List.of("any"), null),
                new dev.mcpspring.protocol.Icon("data:image/png;base64,AAAA", null, null, "dark"));
    }
}
