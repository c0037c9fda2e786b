package dev.nestor.config;

import dev.nestor.json.JsonObject;
import dev.nestor.wire.option.OptionDefinition;
import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code client-classes}. The {@code test} expression is checked for syntax at load
 * ({@link ClassExpression}); evaluating it against packets is the server's job.
 *
 * @param name              class name (unique)
 * @param test              the test expression text, empty when the class has none (membership by other means)
 * @param onlyIfRequired    evaluate only when a subnet/pool/network requires the class
 * @param options           the class's option-data
 * @param optionDefinitions option definitions given inside the class
 * @param nextServer        siaddr override (v4), or empty
 * @param serverHostname    sname override (v4), or empty
 * @param bootFileName      file override (v4), or empty
 * @param validLifetime     lifetime override, or empty
 * @param preferredLifetime preferred lifetime override (v6), or empty
 * @param userContext       user context or {@code null}
 */
public record ClientClass(String name, String test, boolean onlyIfRequired, List<OptionData> options,
                          List<OptionDefinition> optionDefinitions, Optional<Integer> nextServer,
                          Optional<String> serverHostname, Optional<String> bootFileName,
                          Optional<Triplet> validLifetime, Optional<Triplet> preferredLifetime,
                          JsonObject userContext) {
    /** Copies the lists. */
    public ClientClass {
        options = List.copyOf(options);
        optionDefinitions = List.copyOf(optionDefinitions);
    }
}
