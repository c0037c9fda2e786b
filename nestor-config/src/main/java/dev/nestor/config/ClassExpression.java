package dev.nestor.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Syntax check of Kea 2.2 client-class {@code test} expressions (the grammar of Kea's {@code eval} library:
 * {@code option[..].hex/.text/.exists}, {@code relay4}, {@code relay6}, {@code pkt}, {@code pkt4}, {@code pkt6},
 * {@code vendor}, {@code vendor-class}, {@code member}, {@code substring}, {@code concat}, {@code ifelse},
 * {@code hexstring}, {@code ==}, {@code not}, {@code and}, {@code or}, literals). The result is a yes/no with a message;
 * evaluating expressions against packets belongs to the server and is not done here.
 */
public final class ClassExpression {
    private static final Set<String> BUILT_IN_PREFIXES = Set.of("VENDOR_CLASS_", "HA_", "AFTER_", "EXTERNAL_");

    private final List<String> tokens;
    private final Family family;
    private final Set<String> knownClasses;
    private final Predicate<String> optionName;
    private int index;

    private ClassExpression(List<String> tokens, Family family, Set<String> knownClasses, Predicate<String> optionName) {
        this.tokens = tokens;
        this.family = family;
        this.knownClasses = knownClasses;
        this.optionName = optionName;
    }

    /**
     * Checks {@code text}; {@code knownClasses} are the classes defined before (for {@code member}).
     *
     * @return a message when the expression is not valid, empty when it is
     */
    public static Optional<String> check(String text, Family family, Set<String> knownClasses) {
        return check(text, family, knownClasses, name -> true);
    }

    static Optional<String> check(String text, Family family, Set<String> knownClasses, Predicate<String> optionName) {
        try {
            ClassExpression e = new ClassExpression(tokenize(text), family, knownClasses, optionName);
            e.orExpression();
            if (e.index < e.tokens.size()) throw new Failure("syntax error, unexpected " + e.tokens.get(e.index));
            return Optional.empty();
        } catch (Failure f) {
            return Optional.of(f.getMessage());
        }
    }

    private static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private static List<String> tokenize(String text) throws Failure {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) throw new Failure("unterminated string starting at position " + (i + 1));
                out.add(text.substring(i, end + 1));
                i = end + 1;
            } else if (c == '=' ) {
                if (i + 1 < n && text.charAt(i + 1) == '=') {
                    out.add("==");
                    i += 2;
                } else {
                    throw new Failure("invalid character '=' at position " + (i + 1) + " (did you mean '=='?)");
                }
            } else if ("()[].,*+".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == ':') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || "-_:".indexOf(text.charAt(i)) >= 0
                        || (text.charAt(i) == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1))
                        && Character.isDigit(text.charAt(i - 1))))) {
                    i++;
                }
                out.add(text.substring(start, i));
            } else {
                throw new Failure("invalid character '" + c + "' at position " + (i + 1));
            }
        }
        return out;
    }

    private String peek() {
        return index < tokens.size() ? tokens.get(index) : "<end>";
    }

    private String next() throws Failure {
        if (index >= tokens.size()) throw new Failure("syntax error, unexpected end of expression");
        return tokens.get(index++);
    }

    private void expect(String token) throws Failure {
        String t = next();
        if (!t.equals(token)) throw new Failure("syntax error, unexpected " + t + ", expecting " + token);
    }

    private boolean accept(String keyword) {
        if (peek().toLowerCase(Locale.ROOT).equals(keyword) && index < tokens.size()) {
            index++;
            return true;
        }
        return false;
    }

    private void orExpression() throws Failure {
        andExpression();
        while (accept("or")) andExpression();
    }

    private void andExpression() throws Failure {
        notExpression();
        while (accept("and")) notExpression();
    }

    private void notExpression() throws Failure {
        if (accept("not")) {
            notExpression();
            return;
        }
        boolExpression();
    }

    private void boolExpression() throws Failure {
        if (peek().equals("(")) {
            next();
            orExpression();
            expect(")");
            return;
        }
        if (accept("member")) {
            expect("(");
            String name = next();
            if (!name.startsWith("'")) throw new Failure("syntax error, member expects a quoted class name");
            String cls = name.substring(1, name.length() - 1);
            boolean builtIn = Set.of("ALL", "KNOWN", "UNKNOWN", "DROP", "BOOTP").contains(cls)
                    || BUILT_IN_PREFIXES.stream().anyMatch(cls::startsWith);
            if (!builtIn && !knownClasses.contains(cls)) throw new Failure("Not defined client class '" + cls + "'");
            expect(")");
            return;
        }
        if (accept("true") || accept("false")) return;
        // A string expression followed by "==", or an ".exists" form.
        boolean exists = stringExpression(true);
        if (exists) return;
        concatenation();
        expect("==");
        stringExpression(false);
        concatenation();
    }

    /** Kea's {@code +} operator concatenates string expressions. */
    private void concatenation() throws Failure {
        while (peek().equals("+")) {
            next();
            stringExpression(false);
        }
    }

    /** Parses a string expression; returns true when it was an {@code .exists} (boolean) form. */
    private boolean stringExpression(boolean existsAllowed) throws Failure {
        String t = next();
        String lower = t.toLowerCase(Locale.ROOT);
        if (t.startsWith("'")) return false;
        if (lower.startsWith("0x")) {
            if (!t.substring(2).matches("[0-9a-fA-F]+")) throw new Failure("invalid hex string " + t);
            return false;
        }
        if (t.matches("[0-9]+")) return false;
        if (Addresses.isV4(t) || Addresses.isV6(t)) return false;
        switch (lower) {
            case "option" -> {
                optionCode();
                return representation(existsAllowed);
            }
            case "relay4" -> {
                if (family != Family.V4) throw new Failure("relay4 is only valid in DHCPv4");
                optionCode();
                return representation(existsAllowed);
            }
            case "relay6" -> {
                if (family != Family.V6) throw new Failure("relay6 is only valid in DHCPv6");
                expect("[");
                String nest = next();
                if (nest.equals("-")) nest = next();
                if (!nest.matches("-?[0-9]+")) throw new Failure("relay6 nesting level must be an integer");
                expect("]");
                expect(".");
                String what = next().toLowerCase(Locale.ROOT);
                if (what.equals("peeraddr") || what.equals("linkaddr")) return false;
                if (!what.equals("option")) throw new Failure("syntax error, unexpected " + what + " after relay6[..].");
                optionCode();
                return representation(existsAllowed);
            }
            case "pkt" -> {
                expect(".");
                field(Set.of("iface", "src", "dst", "len"));
                return false;
            }
            case "pkt4" -> {
                if (family != Family.V4) throw new Failure("pkt4 is only valid in DHCPv4");
                expect(".");
                field(Set.of("mac", "hlen", "htype", "ciaddr", "giaddr", "yiaddr", "siaddr", "msgtype", "transid"));
                return false;
            }
            case "pkt6" -> {
                if (family != Family.V6) throw new Failure("pkt6 is only valid in DHCPv6");
                expect(".");
                field(Set.of("msgtype", "transid"));
                return false;
            }
            case "vendor", "vendor-class" -> {
                if (peek().equals(".")) {
                    next();
                    field(Set.of("enterprise"));
                    return false;
                }
                expect("[");
                String enterprise = next();
                if (!enterprise.equals("*") && !enterprise.matches("[0-9]+")) {
                    throw new Failure("enterprise-id must be a number or *");
                }
                expect("]");
                expect(".");
                String what = next().toLowerCase(Locale.ROOT);
                if (what.equals("exists")) {
                    if (!existsAllowed) throw new Failure("syntax error, unexpected exists");
                    return true;
                }
                if (lower.equals("vendor-class") && what.equals("data")) {
                    if (peek().equals("[")) {
                        next();
                        if (!next().matches("[0-9]+")) throw new Failure("vendor-class data index must be a number");
                        expect("]");
                    }
                    return false;
                }
                if (lower.equals("vendor") && what.equals("option")) {
                    optionCode();
                    return representation(existsAllowed);
                }
                throw new Failure("syntax error, unexpected " + what);
            }
            case "substring" -> {
                expect("(");
                stringExpression(false);
                expect(",");
                String start = next();
                if (start.equals("-")) start = next();
                if (!start.matches("-?[0-9]+")) throw new Failure("substring start must be an integer");
                expect(",");
                String length = next();
                if (length.equals("-")) length = next();
                if (!length.matches("-?[0-9]+") && !length.equalsIgnoreCase("all")) {
                    throw new Failure("substring length must be an integer or all");
                }
                expect(")");
                return false;
            }
            case "concat", "hexstring" -> {
                expect("(");
                stringExpression(false);
                expect(",");
                stringExpression(false);
                expect(")");
                return false;
            }
            case "ifelse" -> {
                expect("(");
                orExpression();
                expect(",");
                stringExpression(false);
                expect(",");
                stringExpression(false);
                expect(")");
                return false;
            }
            default -> throw new Failure("syntax error, unexpected " + t);
        }
    }

    private void optionCode() throws Failure {
        expect("[");
        String code = next();
        if (code.matches("[0-9]+")) {
            long value = Long.parseLong(code);
            if (value > (family == Family.V4 ? 255 : 65535)) throw new Failure("option code " + code + " is out of range");
        } else if (!optionName.test(code)) {
            throw new Failure("option '" + code + "' is not defined");
        }
        expect("]");
    }

    private boolean representation(boolean existsAllowed) throws Failure {
        expect(".");
        String what = next().toLowerCase(Locale.ROOT);
        switch (what) {
            case "hex", "text" -> {
                return false;
            }
            case "exists" -> {
                if (!existsAllowed) throw new Failure("syntax error, unexpected exists");
                return true;
            }
            default -> throw new Failure("syntax error, unexpected " + what + ", expecting hex, text or exists");
        }
    }

    private void field(Set<String> allowed) throws Failure {
        String f = next().toLowerCase(Locale.ROOT);
        if (!allowed.contains(f)) throw new Failure("syntax error, unexpected " + f + ", expecting one of " + allowed);
    }
}
