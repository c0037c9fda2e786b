/**
 * The option table and option data, shared by packet decoding, config validation and {@code option-data} encoding:
 * {@link dev.nestor.wire.option.StandardOptions} (Kea 2.2's standard spaces), {@link dev.nestor.wire.option.OptionSpace}
 * lookups, {@link dev.nestor.wire.option.OptionDefinition} (also built from config {@code option-def}),
 * {@link dev.nestor.wire.option.OptionDataEncoder} (text to bytes, Kea's rules and error wording) and
 * {@link dev.nestor.wire.option.OptionDataDecoder} (bytes to typed {@link dev.nestor.wire.option.OptionValue}s).
 */
package dev.nestor.wire.option;
