package dev.nestor.config;

import java.util.List;
import java.util.Optional;

/**
 * The lookups both families' configurations ({@link Dhcp4Config}, {@link Dhcp6Config}) answer the same way.
 *
 * @param <S> the family's subnet
 */
public interface FamilyConfig<S extends FamilySubnet> {
    /** Subnets in ascending ID order. */
    List<S> subnets();

    /** Client classes in file order. */
    List<ClientClass> clientClasses();

    /** The subnet with {@code id}, if any. */
    default Optional<S> subnet(long id) {
        for (S s : subnets()) {
            if (s.id() == id) return Optional.of(s);
        }
        return Optional.empty();
    }

    /** The client class named {@code name}, if any. */
    default Optional<ClientClass> clientClass(String name) {
        for (ClientClass c : clientClasses()) {
            if (c.name().equals(name)) return Optional.of(c);
        }
        return Optional.empty();
    }
}
