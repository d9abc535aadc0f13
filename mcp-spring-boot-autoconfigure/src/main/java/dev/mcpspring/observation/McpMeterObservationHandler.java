package dev.mcpspring.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Records the meters of the MCP observations ({@link McpServerObservationContext} and
 * {@link McpClientObservationContext}) exactly as Micrometer's {@link DefaultMeterObservationHandler} does (a timer
 * named after the observation, tagged with its low-cardinality keys and {@code error}; a long-task timer
 * {@code <name>.active} while it runs, unless ignored), but finds each meter in a map keyed by its tag set instead
 * of building its tags and id and registering it again at every start and stop. Those look-ups were half of what
 * observing an MCP call cost; an MCP server observes every message, so its handful of tag sets repeat at every
 * call.
 * <p>
 * Spring Boot groups meter handlers so that the first that supports a context handles it: this one, ordered before
 * Boot's default handler, takes the MCP contexts and leaves every other observation to it. At most
 * {@value #MAX_CACHED} tag sets are remembered per kind of meter (tool names come from clients); beyond that, a
 * meter is looked up in the registry as the default handler does.
 */
public class McpMeterObservationHandler implements MeterObservationHandler<Observation.Context> {

    /** The most tag sets remembered per kind of meter. */
    static final int MAX_CACHED = 1000;

    private static final String ERROR_TAG = "error";

    private static final String NO_ERROR = "none";

    private final MeterRegistry registry;

    private final boolean longTaskTimers;

    private final Map<MeterKey, Timer> timers = new ConcurrentHashMap<>();

    private final Map<MeterKey, LongTaskTimer> activeTimers = new ConcurrentHashMap<>();

    /**
     * @param registry       where the meters are
     * @param longTaskTimers whether to record the long-task timer {@code <name>.active} (Spring Boot's
     *                       {@code management.metrics.observations.ignored-meters=long-task-timer} turns it off)
     */
    public McpMeterObservationHandler(MeterRegistry registry, boolean longTaskTimers) {
        this.registry = registry;
        this.longTaskTimers = longTaskTimers;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof McpServerObservationContext || context instanceof McpClientObservationContext;
    }

    @Override
    public void onStart(Observation.Context context) {
        if (longTaskTimers) {
            KeyValues keyValues = context.getLowCardinalityKeyValues();
            LongTaskTimer active = meter(activeTimers, new MeterKey(context.getName(), keyValues, null),
                    key -> LongTaskTimer.builder(key.name() + ".active").tags(tags(keyValues)).register(registry));
            context.put(LongTaskTimer.Sample.class, active.start());
        }
        context.put(Timer.Sample.class, Timer.start(registry));
    }

    @Override
    public void onStop(Observation.Context context) {
        KeyValues keyValues = context.getLowCardinalityKeyValues();
        Throwable error = context.getError();
        String errorValue = error == null ? NO_ERROR : error.getClass().getSimpleName();
        Timer timer = meter(timers, new MeterKey(context.getName(), keyValues, errorValue),
                key -> Timer.builder(key.name()).tags(tags(keyValues).and(ERROR_TAG, errorValue)).register(registry));
        context.<Timer.Sample>getRequired(Timer.Sample.class).stop(timer);
        if (longTaskTimers) {
            context.<LongTaskTimer.Sample>getRequired(LongTaskTimer.Sample.class).stop();
        }
    }

    @Override
    public void onEvent(Observation.Event event, Observation.Context context) {
        // rare: looked up as the default handler does
        registry.counter(context.getName() + "." + event.getName(), tags(context.getLowCardinalityKeyValues()))
            .increment();
    }

    /** How many meters are remembered by their tag sets. */
    int rememberedMeters() {
        return timers.size() + activeTimers.size();
    }

    private static <M> M meter(Map<MeterKey, M> cache, MeterKey key, Function<MeterKey, M> register) {
        M meter = cache.get(key);
        if (meter != null) {
            return meter;
        }
        return cache.size() < MAX_CACHED ? cache.computeIfAbsent(key, register) : register.apply(key);
    }

    private static Tags tags(KeyValues keyValues) {
        Tags tags = Tags.empty();
        for (KeyValue keyValue : keyValues) {
            tags = tags.and(Tag.of(keyValue.getKey(), keyValue.getValue()));
        }
        return tags;
    }

    /** A meter's name and tags; {@code error} is {@code null} for the long-task timer, which has none. */
    private record MeterKey(String name, KeyValues keyValues, @Nullable String error) {
    }
}
