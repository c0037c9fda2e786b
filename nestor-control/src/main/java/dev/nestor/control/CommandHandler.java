package dev.nestor.control;

/**
 * Executes one control command. Bad input ends in a {@link CommandFailure}; a handler must not let
 * other exceptions escape for any arguments (the registry still turns them into result 1).
 */
@FunctionalInterface
public interface CommandHandler {
    ControlAnswer handle(ControlCommand command) throws CommandFailure;
}
