package dev.mcpspring.sample.units;

/** Temperature scales the converter knows. */
public enum TemperatureUnit {
    CELSIUS, FAHRENHEIT, KELVIN;

    double toKelvin(double value) {
        return switch (this) {
            case CELSIUS -> value + 273.15;
            case FAHRENHEIT -> (value - 32) * 5 / 9 + 273.15;
            case KELVIN -> value;
        };
    }

    double fromKelvin(double kelvin) {
        return switch (this) {
            case CELSIUS -> kelvin - 273.15;
            case FAHRENHEIT -> (kelvin - 273.15) * 9 / 5 + 32;
            case KELVIN -> kelvin;
        };
    }
}
