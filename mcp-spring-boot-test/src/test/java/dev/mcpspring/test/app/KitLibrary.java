package dev.mcpspring.test.app;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpComplete;
import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpPromptArgument;
import dev.mcpspring.annotation.McpResource;

/** A resource template, a prompt and their completions, for the test client's requests of them. */
@Component
public class KitLibrary {

    private static final List<String> CITIES = List.of("Oslo", "Ottawa", "Paris");

    @McpResource(uri = "kit://cities/{name}", description = "A city's page")
    public String city(String name) {
        return "The page of " + name;
    }

    @McpPrompt(description = "Plans a trip")
    public String trip(@McpPromptArgument(description = "the city") String city) {
        return "Plan a trip to " + city;
    }

    @McpComplete(prompt = "trip", argument = "city")
    public List<String> tripCities(String prefix) {
        return CITIES.stream().filter(city -> city.startsWith(prefix)).toList();
    }

    @McpComplete(resource = "kit://cities/{name}", argument = "name")
    public List<String> cityNames(String prefix, Map<String, String> chosen) {
        return CITIES.stream().filter(city -> city.startsWith(prefix)).map(city -> city + chosen.size()).toList();
    }
}
