package dev.mcpspring.kotlin

import dev.mcpspring.annotation.McpPrompt
import dev.mcpspring.annotation.McpTool
import dev.mcpspring.annotation.McpToolParam
import dev.mcpspring.server.PeerHandle
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.flowOf
import org.springframework.stereotype.Component

/** Tools, a prompt and argument types written as a Kotlin developer writes them, for KotlinToolsHttpTests. */
@Component
class KotlinTools {

    @McpTool(description = "Greets someone, with a title when given one, several times when asked")
    fun greet(name: String, title: String? = null, times: Int = 2): String =
        List(times) { "Hello, ${title?.let { "$it " } ?: ""}$name!" }.joinToString(" ")

    @McpTool(description = "Counts what it was given: a missing count is null")
    fun describe(count: Int?): String = "count=$count"

    @McpTool(description = "A forecast for a city")
    fun forecast(request: ForecastRequest): Forecast = Forecast(request.city, request.days, request.unit)

    @McpTool(description = "Echoes its text after a pause, without holding a thread")
    suspend fun slowEcho(text: String, pauseMillis: Long = 10): String {
        delay(pauseMillis)
        return text.uppercase()
    }

    @McpTool(description = "Fails after a pause")
    suspend fun slowFailure(): String {
        delay(5)
        throw IllegalStateException("the forecast service is down")
    }

    @McpTool(description = "Looks a city up by its name")
    fun byCity(city: CityName): String = "found ${city.value}"

    @McpTool(description = "Reports progress as it counts down")
    fun countDown(from: Int, peer: PeerHandle): Int {
        for (step in 1..from) {
            peer.progress(step.toDouble(), from.toDouble(), "step $step")
        }
        return 0
    }

    @McpPrompt(description = "A letter to someone")
    fun letter(recipient: String, tone: String? = null): String = "Dear $recipient, (${tone ?: "neutral"})"
}

/** What a forecast is asked for: the city described, the days and the unit optional. */
data class ForecastRequest(
    @McpToolParam(description = "The city to forecast") val city: String,
    val days: Int = 3,
    val unit: TemperatureUnit? = null,
)

/** A forecast. */
data class Forecast(val city: String, val days: Int, val unit: TemperatureUnit?)

/** A temperature unit. */
enum class TemperatureUnit { CELSIUS, FAHRENHEIT }

/** A city's name, as a value class (the JVM name of a function taking it is mangled). */
@JvmInline
value class CityName(val value: String)

/** A tool returning a Flow: refused at start-up. */
class FlowTools {

    @McpTool(description = "Streams numbers")
    fun numbers(): Flow<Int> = flowOf(1, 2, 3)
}

/** A non-null parameter declared not required, without default: refused at start-up. */
class NotRequiredWithoutDefaultTools {

    @McpTool(description = "Needs its label")
    fun label(@McpToolParam(required = false) label: String): String = label
}
