//! The unit table: every unit with its canonical symbol, name, exact factor to the base
//! unit of its dimension, and spellings.
//!
//! Factors are exact by definition: the inch is 0.0254 m and the pound 0.45359237 kg
//! (International Yard and Pound Agreement, 1959); the US gallon is 231 cubic inches and
//! the imperial gallon 4.54609 L (Weights and Measures Act 1985); the thermochemical
//! calorie is 4.184 J, the international table BTU 1055.05585262 J, the pound-force
//! 4.4482216152605 N (so the psi is exact as a ratio), the standard atmosphere 101325 Pa,
//! the conventional mmHg 133.322387415 Pa and inHg 3386.389 Pa (NIST SP 811, appendix B);
//! the mechanical horsepower 550 ft·lbf/s and the metric one 735.49875 W. The year is the
//! mean Gregorian year (365.2425 days) and the month a twelfth of it. Data sizes: `kB`,
//! `KB`, `MB`, `GB` are the SI (decimal) units; `KiB`, `MiB`, `GiB` the binary ones.

use crate::units::unit::{Dimension, Ratio, Scale, Unit};

use Dimension::*;

const fn unit(
    dimension: Dimension,
    symbol: &'static str,
    name: &'static str,
    factor: &str,
    spellings: &'static [&'static str],
) -> Unit {
    Unit {
        symbol,
        name,
        dimension,
        scale: Scale::Linear(Ratio::exact(factor)),
        spellings,
    }
}

const fn ratio_unit(
    dimension: Dimension,
    symbol: &'static str,
    name: &'static str,
    factor: Ratio,
    spellings: &'static [&'static str],
) -> Unit {
    Unit {
        symbol,
        name,
        dimension,
        scale: Scale::Linear(factor),
        spellings,
    }
}

/// Every unit the crate knows, one a line.
#[rustfmt::skip]
pub(crate) static UNITS: &[Unit] = &[
    // Length (metre).
    unit(Length, "m", "metre", "1", &["metre", "meter", "mtr"]),
    unit(Length, "km", "kilometre", "1000", &["kilometre", "kilometer", "kms", "klick"]),
    unit(Length, "cm", "centimetre", "0.01", &["centimetre", "centimeter", "cms"]),
    unit(Length, "mm", "millimetre", "0.001", &["millimetre", "millimeter"]),
    unit(Length, "µm", "micrometre", "0.000001", &["μm", "um", "micrometre", "micrometer", "micron"]),
    unit(Length, "nm", "nanometre", "0.000000001", &["nanometre", "nanometer"]),
    unit(Length, "in", "inch", "0.0254", &["\"", "″", "”", "''", "inch", "inches", "in."]),
    unit(Length, "ft", "foot", "0.3048", &["'", "′", "’", "foot", "feet", "ft."]),
    unit(Length, "yd", "yard", "0.9144", &["yard", "yds"]),
    unit(Length, "mi", "mile", "1609.344", &["mile", "statute mile"]),
    unit(Length, "nmi", "nautical mile", "1852", &["NM", "nautical mile"]),
    // Area (square metre).
    unit(Area, "m²", "square metre", "1", &["m2", "m^2", "sq m", "sqm", "square metre", "square meter", "sq. m"]),
    unit(Area, "km²", "square kilometre", "1000000", &["km2", "km^2", "sq km", "square kilometre", "square kilometer"]),
    unit(Area, "cm²", "square centimetre", "0.0001", &["cm2", "cm^2", "sq cm", "square centimetre", "square centimeter"]),
    unit(Area, "mm²", "square millimetre", "0.000001", &["mm2", "mm^2", "sq mm", "square millimetre", "square millimeter"]),
    unit(Area, "ha", "hectare", "10000", &["hectare"]),
    unit(Area, "sq in", "square inch", "0.00064516", &["in²", "in2", "in^2", "sq. in", "square inch", "square inches"]),
    unit(Area, "sq ft", "square foot", "0.09290304", &["ft²", "ft2", "ft^2", "sqft", "sq. ft", "sq. ft.", "square foot", "square feet"]),
    unit(Area, "sq yd", "square yard", "0.83612736", &["yd²", "yd2", "yd^2", "sq. yd", "square yard"]),
    unit(Area, "sq mi", "square mile", "2589988.110336", &["mi²", "mi2", "mi^2", "sq. mi", "square mile"]),
    unit(Area, "acre", "acre", "4046.8564224", &["ac"]),
    // Volume (cubic metre).
    unit(Volume, "m³", "cubic metre", "1", &["m3", "m^3", "cu m", "cubic metre", "cubic meter"]),
    unit(Volume, "L", "litre", "0.001", &["l", "litre", "liter", "ltr", "lt"]),
    unit(Volume, "dl", "decilitre", "0.0001", &["dL", "decilitre", "deciliter"]),
    unit(Volume, "cl", "centilitre", "0.00001", &["cL", "centilitre", "centiliter"]),
    unit(Volume, "ml", "millilitre", "0.000001", &["mL", "millilitre", "milliliter", "cc", "cm³", "cm3", "ccm"]),
    unit(Volume, "tsp", "teaspoon", "0.00000492892159375", &["teaspoon", "tsps"]),
    unit(Volume, "tbsp", "tablespoon", "0.00001478676478125", &["tablespoon", "tbsps", "tbs", "tbl"]),
    unit(Volume, "fl oz", "fluid ounce", "0.0000295735295625", &["fl. oz", "fl.oz", "floz", "fl oz.", "fluid ounce", "US fl oz"]),
    unit(Volume, "cup", "cup", "0.0002365882365", &["US cup"]),
    unit(Volume, "pt", "pint", "0.000473176473", &["pint", "pts", "US pint"]),
    unit(Volume, "qt", "quart", "0.000946352946", &["quart", "qts", "US quart"]),
    unit(Volume, "gal", "gallon", "0.003785411784", &["gallon", "gals", "US gal", "US gallon"]),
    unit(Volume, "imp gal", "imperial gallon", "0.00454609", &["imperial gallon", "UK gallon", "UK gal", "gal (imp)"]),
    unit(Volume, "imp pt", "imperial pint", "0.00056826125", &["imperial pint", "UK pint", "pt (imp)"]),
    unit(Volume, "imp fl oz", "imperial fluid ounce", "0.0000284130625", &["imperial fluid ounce", "UK fl oz"]),
    unit(Volume, "cu in", "cubic inch", "0.000016387064", &["in³", "in3", "cubic inch", "cubic inches"]),
    unit(Volume, "cu ft", "cubic foot", "0.028316846592", &["ft³", "ft3", "cubic foot", "cubic feet"]),
    unit(Volume, "bbl", "barrel", "0.158987294928", &["barrel", "oil barrel"]),
    // Mass (kilogram).
    unit(Mass, "kg", "kilogram", "1", &["kilogram", "kilogramme", "kilo", "kgs"]),
    unit(Mass, "g", "gram", "0.001", &["gram", "gramme", "gm", "gms", "grams"]),
    unit(Mass, "mg", "milligram", "0.000001", &["milligram", "milligramme"]),
    unit(Mass, "µg", "microgram", "0.000000001", &["μg", "ug", "mcg", "microgram"]),
    unit(Mass, "t", "tonne", "1000", &["tonne", "metric ton", "metric tonne"]),
    unit(Mass, "oz", "ounce", "0.028349523125", &["ounce", "ozs"]),
    unit(Mass, "lb", "pound", "0.45359237", &["lbs", "pound", "lb."]),
    unit(Mass, "st", "stone", "6.35029318", &["stone", "stones"]),
    unit(Mass, "ton", "short ton", "907.18474", &["short ton", "US ton"]),
    unit(Mass, "long ton", "long ton", "1016.0469088", &["imperial ton", "UK ton"]),
    unit(Mass, "ct", "carat", "0.0002", &["carat", "carats"]),
    // Temperature (kelvin); conversions are affine.
    Unit {
        symbol: "K",
        name: "kelvin",
        dimension: Temperature,
        scale: Scale::Affine { offset: Ratio::exact("0"), ratio: Ratio::exact("1") },
        spellings: &["kelvin", "kelvins"],
    },
    Unit {
        symbol: "°C",
        name: "degree Celsius",
        dimension: Temperature,
        scale: Scale::Affine { offset: Ratio::exact("273.15"), ratio: Ratio::exact("1") },
        spellings: &[
            "C", "ºC", "˚C", "° C", "℃", "degC", "deg C", "celsius", "Celsius", "centigrade",
            "degrees C", "degree C", "degrees Celsius", "degree Celsius", "degrees celsius",
        ],
    },
    Unit {
        symbol: "°F",
        name: "degree Fahrenheit",
        dimension: Temperature,
        scale: Scale::Affine { offset: Ratio::exact("459.67"), ratio: Ratio::of("5", "9") },
        spellings: &[
            "F", "ºF", "˚F", "° F", "℉", "degF", "deg F", "fahrenheit", "Fahrenheit",
            "degrees F", "degree F", "degrees Fahrenheit", "degree Fahrenheit", "degrees fahrenheit",
        ],
    },
    // Speed (metre per second).
    unit(Speed, "m/s", "metre per second", "1", &["m/sec", "mps", "metres per second", "meters per second"]),
    ratio_unit(Speed, "km/h", "kilometre per hour", Ratio::of("1000", "3600"), &[
        "kph", "kmh", "km/hr", "kmph", "km per hour", "kilometres per hour", "kilometers per hour",
    ]),
    unit(Speed, "mph", "mile per hour", "0.44704", &["mi/h", "mi/hr", "miles per hour"]),
    ratio_unit(Speed, "kn", "knot", Ratio::of("1852", "3600"), &["kt", "kts", "knot"]),
    unit(Speed, "ft/s", "foot per second", "0.3048", &["fps", "ft/sec", "feet per second"]),
    // Data size (bit).
    unit(DataSize, "bit", "bit", "1", &[]),
    unit(DataSize, "B", "byte", "8", &["byte"]),
    unit(DataSize, "kB", "kilobyte", "8000", &["KB", "kilobyte", "kbyte"]),
    unit(DataSize, "MB", "megabyte", "8000000", &["megabyte", "mbyte"]),
    unit(DataSize, "GB", "gigabyte", "8000000000", &["gigabyte", "gbyte"]),
    unit(DataSize, "TB", "terabyte", "8000000000000", &["terabyte"]),
    unit(DataSize, "PB", "petabyte", "8000000000000000", &["petabyte"]),
    unit(DataSize, "KiB", "kibibyte", "8192", &["kibibyte"]),
    unit(DataSize, "MiB", "mebibyte", "8388608", &["mebibyte"]),
    unit(DataSize, "GiB", "gibibyte", "8589934592", &["gibibyte"]),
    unit(DataSize, "TiB", "tebibyte", "8796093022208", &["tebibyte"]),
    unit(DataSize, "PiB", "pebibyte", "9007199254740992", &["pebibyte"]),
    unit(DataSize, "kbit", "kilobit", "1000", &["Kb", "Kbit", "kilobit"]),
    unit(DataSize, "Mbit", "megabit", "1000000", &["Mb", "megabit"]),
    unit(DataSize, "Gbit", "gigabit", "1000000000", &["Gb", "gigabit"]),
    // Data rate (bit per second).
    unit(DataRate, "bit/s", "bit per second", "1", &["bps", "b/s", "bits per second"]),
    unit(DataRate, "kbit/s", "kilobit per second", "1000", &["kbps", "Kbps", "kb/s", "Kb/s", "kilobits per second"]),
    unit(DataRate, "Mbit/s", "megabit per second", "1000000", &["Mbps", "Mb/s", "mbps", "megabits per second"]),
    unit(DataRate, "Gbit/s", "gigabit per second", "1000000000", &["Gbps", "Gb/s", "gbps", "gigabits per second"]),
    unit(DataRate, "B/s", "byte per second", "8", &["bytes per second"]),
    unit(DataRate, "kB/s", "kilobyte per second", "8000", &["KB/s", "kBps", "KBps", "kilobytes per second"]),
    unit(DataRate, "MB/s", "megabyte per second", "8000000", &["MBps", "megabytes per second"]),
    unit(DataRate, "GB/s", "gigabyte per second", "8000000000", &["GBps", "gigabytes per second"]),
    unit(DataRate, "MiB/s", "mebibyte per second", "8388608", &["mebibytes per second"]),
    // Duration (second).
    unit(Duration, "ns", "nanosecond", "0.000000001", &["nanosecond", "nsec"]),
    unit(Duration, "µs", "microsecond", "0.000001", &["μs", "us", "microsecond", "usec"]),
    unit(Duration, "ms", "millisecond", "0.001", &["millisecond", "msec", "msecs"]),
    unit(Duration, "s", "second", "1", &["sec", "second", "secs", "seconds"]),
    unit(Duration, "min", "minute", "60", &["minute", "mins"]),
    unit(Duration, "h", "hour", "3600", &["hr", "hrs", "hour", "hours"]),
    unit(Duration, "d", "day", "86400", &["day"]),
    unit(Duration, "wk", "week", "604800", &["week", "wks"]),
    unit(Duration, "mo", "month", "2629746", &["month", "mos", "mth", "mths"]),
    unit(Duration, "yr", "year", "31556952", &["year", "yrs"]),
    // Energy (joule).
    unit(Energy, "J", "joule", "1", &["joule"]),
    unit(Energy, "kJ", "kilojoule", "1000", &["kilojoule"]),
    unit(Energy, "MJ", "megajoule", "1000000", &["megajoule"]),
    unit(Energy, "cal", "calorie", "4.184", &["calorie"]),
    unit(Energy, "kcal", "kilocalorie", "4184", &["Cal", "kilocalorie", "Calorie", "Calories"]),
    unit(Energy, "Wh", "watt-hour", "3600", &["watt-hour", "watt hour"]),
    unit(Energy, "kWh", "kilowatt-hour", "3600000", &["kW·h", "kW h", "kilowatt-hour", "kilowatt hour"]),
    unit(Energy, "MWh", "megawatt-hour", "3600000000", &["megawatt-hour", "megawatt hour"]),
    unit(Energy, "BTU", "British thermal unit", "1055.05585262", &["Btu", "btu", "British thermal unit"]),
    // Power (watt).
    unit(Power, "W", "watt", "1", &["watt"]),
    unit(Power, "kW", "kilowatt", "1000", &["kilowatt"]),
    unit(Power, "MW", "megawatt", "1000000", &["megawatt"]),
    unit(Power, "hp", "horsepower", "745.69987158227022", &["horsepower", "bhp", "HP"]),
    unit(Power, "PS", "metric horsepower", "735.49875", &["metric horsepower", "CV"]),
    // Pressure (pascal).
    unit(Pressure, "Pa", "pascal", "1", &["pascal"]),
    unit(Pressure, "hPa", "hectopascal", "100", &["hectopascal"]),
    unit(Pressure, "kPa", "kilopascal", "1000", &["kilopascal"]),
    unit(Pressure, "MPa", "megapascal", "1000000", &["megapascal"]),
    unit(Pressure, "bar", "bar", "100000", &["bars"]),
    unit(Pressure, "mbar", "millibar", "100", &["millibar"]),
    ratio_unit(Pressure, "psi", "pound per square inch", Ratio::of("4.4482216152605", "0.00064516"), &[
        "PSI", "lbf/in²", "lb/in²", "pounds per square inch",
    ]),
    unit(Pressure, "atm", "standard atmosphere", "101325", &["atmosphere"]),
    unit(Pressure, "mmHg", "millimetre of mercury", "133.322387415", &["mm Hg", "millimetres of mercury"]),
    ratio_unit(Pressure, "Torr", "torr", Ratio::of("101325", "760"), &["torr"]),
    unit(Pressure, "inHg", "inch of mercury", "3386.389", &["in Hg", "inches of mercury"]),
    // Fuel economy (kilometre per litre); litres per 100 km is the reciprocal.
    unit(FuelEconomy, "km/L", "kilometre per litre", "1", &["km/l", "kmpl", "km per litre", "kilometres per litre"]),
    ratio_unit(FuelEconomy, "mpg", "mile per US gallon", Ratio::of("1.609344", "3.785411784"), &[
        "MPG", "mpg (US)", "US mpg", "miles per gallon",
    ]),
    ratio_unit(FuelEconomy, "mpg (imp)", "mile per imperial gallon", Ratio::of("1.609344", "4.54609"), &[
        "UK mpg", "imperial mpg", "mpg (UK)", "miles per imperial gallon",
    ]),
    Unit {
        symbol: "L/100 km",
        name: "litre per 100 kilometres",
        dimension: FuelEconomy,
        scale: Scale::Reciprocal(Ratio::exact("100")),
        spellings: &["L/100km", "l/100km", "l/100 km", "litres per 100 km", "liters per 100 km"],
    },
    // Frequency (hertz).
    unit(Frequency, "Hz", "hertz", "1", &["hertz"]),
    unit(Frequency, "kHz", "kilohertz", "1000", &["kilohertz"]),
    unit(Frequency, "MHz", "megahertz", "1000000", &["megahertz"]),
    unit(Frequency, "GHz", "gigahertz", "1000000000", &["gigahertz"]),
    ratio_unit(Frequency, "rpm", "revolution per minute", Ratio::of("1", "60"), &["RPM", "revolutions per minute"]),
];
