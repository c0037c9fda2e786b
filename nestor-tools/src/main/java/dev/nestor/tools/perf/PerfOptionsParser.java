package dev.nestor.tools.perf;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Parses perfdhcp 2.2 command lines (GNU getopt rules: grouped flags {@code -4i}, attached values
 * {@code -r10}, options and the server argument in any order, {@code --} ends options) into
 * {@link PerfOptions}. Refusals carry perfdhcp's own reason texts.
 *
 * <p>Beyond perfdhcp: {@code --servers A,B,...} (each packet goes to every listed server, as a
 * relay with several helper addresses sends it) and {@code --json FILE} (a machine-readable
 * report). perfdhcp flags that {@code nestor perf} does not implement are refused by name rather
 * than silently ignored.
 */
public final class PerfOptionsParser {

    /** Short options that take a value, as in perfdhcp's getopt string. */
    private static final String WITH_VALUE = "AbCdDeEfFgIJlLMnNoOpPrRsStTwWxXyY";
    /** Short options without a value. */
    private static final String FLAGS = "146Bchiuv";
    /** perfdhcp options this client does not implement (templates, address lists, renew/release, scripts). */
    private static final String NOT_IMPLEMENTED = "EfFIJMOSTwX";

    /** What a command line asks for. */
    public sealed interface Request {
        /** Run a test with these options. */
        record Run(PerfOptions options) implements Request {
        }

        /** {@code -h}: print the usage and exit 0. */
        record Help() implements Request {
        }

        /** {@code -v}: print the version and exit 0. */
        record Version() implements Request {
        }
    }

    private PerfOptionsParser() {
    }

    /** Parses a command line; {@code -h}/{@code -v} win as soon as they are seen, as in perfdhcp. */
    public static Request parse(String[] args) throws PerfUsageException {
        return new State().parse(args);
    }

    /** Parses a command line that must describe a run. */
    public static PerfOptions parseRun(String... args) throws PerfUsageException {
        if (parse(args) instanceof Request.Run(PerfOptions options)) {
            return options;
        }
        throw new PerfUsageException("not a test run");
    }

    /** Mutable parse state; one per call. */
    private static final class State {
        int ipVersion;
        int rate;
        int clientCount = 1;
        boolean clientCountGiven;
        int testPeriod;
        final List<Long> requestLimits = new ArrayList<>();
        final List<PerfOptions.DropLimit> dropLimits = new ArrayList<>();
        final List<Double> dropTimes = new ArrayList<>();
        String localName;
        int localPort;
        int remotePort;
        byte[] baseMac = PerfOptions.DEFAULT_MAC;
        byte[] baseDuid;
        int baseCount;
        boolean broadcast;
        int elapsedStart = -1;
        int elapsedPeriod = -1;
        long seed;
        boolean uniqueness;
        boolean initialOnly;
        long exitWait;
        String diagnostics = "";
        int preload;
        PerfOptions.Scenario scenario = PerfOptions.Scenario.BASIC;
        boolean dropTimeGiven;
        int reportInterval;
        String separator;
        boolean rapidCommit;
        int relayLevel;
        boolean firstServerId;
        boolean singleThread;
        final List<PerfOptions.ExtraOption> extraOptions = new ArrayList<>();
        final List<String> serverList = new ArrayList<>();
        Path json;
        final StringBuilder running = new StringBuilder();
        final List<String> positional = new ArrayList<>();

        Request parse(String[] args) throws PerfUsageException {
            for (int index = 0; index < args.length; index++) {
                String arg = args[index];
                if (arg.equals("--")) {
                    positional.addAll(List.of(args).subList(index + 1, args.length));
                    break;
                }
                if (arg.startsWith("--")) {
                    String name = arg.substring(2);
                    String value;
                    int equals = name.indexOf('=');
                    if (equals >= 0) {
                        value = name.substring(equals + 1);
                        name = name.substring(0, equals);
                    } else {
                        if (index + 1 >= args.length) {
                            throw new PerfUsageException("wrong command line option");
                        }
                        value = args[++index];
                    }
                    longOption(name, value);
                    continue;
                }
                if (arg.length() < 2 || arg.charAt(0) != '-') {
                    positional.add(arg);
                    continue;
                }
                for (int position = 1; position < arg.length(); position++) {
                    char letter = arg.charAt(position);
                    if (FLAGS.indexOf(letter) >= 0) {
                        if (letter == 'h') {
                            return new Request.Help();
                        }
                        if (letter == 'v') {
                            return new Request.Version();
                        }
                        running.append(" -").append(letter);
                        flag(letter);
                    } else if (WITH_VALUE.indexOf(letter) >= 0) {
                        String value;
                        if (position + 1 < arg.length()) {
                            value = arg.substring(position + 1);
                        } else if (index + 1 < args.length) {
                            value = args[++index];
                        } else {
                            throw new PerfUsageException("wrong command line option");
                        }
                        running.append(" -").append(letter).append(' ').append(value);
                        option(letter, value);
                        break;
                    } else {
                        throw new PerfUsageException("wrong command line option");
                    }
                }
            }
            return new Request.Run(finish());
        }

        private void longOption(String name, String value) throws PerfUsageException {
            switch (name) {
                case "scenario" -> {
                    // perfdhcp echoes its long option as "-," (its option value is a non-letter)
                    running.append(" -, ").append(value);
                    scenario = switch (value) {
                        case "basic" -> PerfOptions.Scenario.BASIC;
                        case "avalanche" -> PerfOptions.Scenario.AVALANCHE;
                        default -> throw new PerfUsageException("scenario value '" + value
                                + "' is wrong - should be 'basic' or 'avalanche'");
                    };
                }
                case "servers" -> {
                    running.append(" --servers ").append(value);
                    for (String server : value.split(",")) {
                        if (!server.isBlank()) {
                            serverList.add(server.strip());
                        }
                    }
                    if (serverList.isEmpty()) {
                        throw new PerfUsageException("--servers needs at least one address");
                    }
                }
                case "json" -> {
                    running.append(" --json ").append(value);
                    if (value.isEmpty()) {
                        throw new PerfUsageException("--json needs a file name");
                    }
                    json = Path.of(value);
                }
                default -> throw new PerfUsageException("wrong command line option");
            }
        }

        private void flag(char letter) throws PerfUsageException {
            switch (letter) {
                case '4', '6' -> {
                    int version = letter - '0';
                    if (ipVersion != 0) {
                        throw new PerfUsageException("IP version already set to " + ipVersion);
                    }
                    ipVersion = version;
                }
                case '1' -> firstServerId = true;
                case 'B' -> broadcast = true;
                case 'c' -> rapidCommit = true;
                case 'i' -> initialOnly = true;
                case 'u' -> uniqueness = true;
                default -> throw new PerfUsageException("wrong command line option");
            }
        }

        private void option(char letter, String value) throws PerfUsageException {
            if (NOT_IMPLEMENTED.indexOf(letter) >= 0) {
                throw new PerfUsageException("-" + letter + " is a perfdhcp option that nestor perf does not implement");
            }
            switch (letter) {
                case 'r' -> rate = positiveInt(value, "value of rate: -r<value> must be a positive integer");
                case 'R' -> {
                    clientCount = nonNegativeInt(value, "value of -R <value> must be non-negative integer");
                    clientCountGiven = true;
                }
                case 'p' -> testPeriod = positiveInt(value, "value of test period: -p<value> must be a positive integer");
                case 'n' -> {
                    long limit = positiveInt(value, "value of num-request: -n<value> must be a positive integer");
                    if (requestLimits.size() >= 2) {
                        throw new PerfUsageException("value of maximum number of requests: -n<value> already "
                                + "specified, unexpected 3rd occurrence of -n<value>");
                    }
                    requestLimits.add(limit);
                }
                case 'D' -> {
                    if (dropLimits.size() >= 2) {
                        throw new PerfUsageException("value of maximum number of drops: -D<value> already "
                                + "specified, unexpected 3rd occurrence of -D<value>");
                    }
                    if (value.endsWith("%")) {
                        double percent = number(value.substring(0, value.length() - 1),
                                "value of drop percentage: -D<value%> must be 0..100");
                        if (!(percent > 0 && percent <= 100)) {
                            throw new PerfUsageException("value of drop percentage: -D<value%> must be 0..100");
                        }
                        dropLimits.add(new PerfOptions.DropLimit(0, percent, true));
                    } else {
                        dropLimits.add(new PerfOptions.DropLimit(positiveInt(value,
                                "value of max drops number: -D<value> must be a positive integer"), 0, false));
                    }
                }
                case 'd' -> {
                    double seconds = number(value, "value of drop time: -d<value> must be positive number");
                    if (!(seconds > 0)) {
                        throw new PerfUsageException("drop-time must be a positive number");
                    }
                    if (dropTimes.size() >= 2) {
                        throw new PerfUsageException("value of drop time: -d<value> already specified, "
                                + "unexpected 3rd occurrence of -d<value>");
                    }
                    dropTimes.add(seconds);
                    dropTimeGiven = true;
                }
                case 'l' -> localName = value;
                case 'L' -> {
                    localPort = nonNegativeInt(value, "value of local port: -L<value> must not be a negative integer");
                    if (localPort > 65535) {
                        throw new PerfUsageException("local-port must be lower than 65535");
                    }
                }
                case 'N' -> {
                    remotePort = nonNegativeInt(value, "value of remote port: -L<value> must not be a negative integer");
                    if (remotePort > 65535) {
                        throw new PerfUsageException("remote-port must be lower than 65535");
                    }
                }
                case 'b' -> base(value);
                case 'Y' -> elapsedStart = nonNegativeInt(value, "value of time: -Y<value> must be a non negative integer");
                case 'y' -> elapsedPeriod = nonNegativeInt(value, "value of time: -y<value> must be a non negative integer");
                case 's' -> seed = nonNegativeLong(value, "value of seed: -s <seed> must be non-negative integer");
                case 'W' -> exitWait = nonNegativeLong(value,
                        "value of exist wait time: -W<value> must not be a negative integer");
                case 'x' -> diagnostics = value;
                case 'P' -> preload = nonNegativeInt(value,
                        "number of preload packets: -P<value> must not be a negative integer");
                case 't' -> reportInterval = positiveInt(value, "value of report delay: -t<value> must be a positive integer");
                case 'C' -> separator = value;
                case 'g' -> singleThread = switch (value) {
                    case "single" -> true;
                    case "multi" -> false;
                    default -> throw new PerfUsageException("value of thread mode (-g) '" + value
                            + "' is wrong - should be '-g single' or '-g multi'");
                };
                case 'A' -> {
                    relayLevel = positiveInt(value, "-A<encapsulation-level> must be a positive integer");
                    if (relayLevel != 1) {
                        throw new PerfUsageException("-A only supports 1 at the moment.");
                    }
                }
                case 'e' -> {
                    if (!value.equals("address-only")) {
                        throw new PerfUsageException("-e " + value + " is not implemented by nestor perf "
                                + "(only address-only)");
                    }
                }
                case 'o' -> extraOption(value);
                default -> throw new PerfUsageException("wrong command line option");
            }
        }

        private void extraOption(String value) throws PerfUsageException {
            if (ipVersion == 0) {
                throw new PerfUsageException("-4 or -6 must be explicitly specified before -o is used.");
            }
            int comma = value.indexOf(',');
            if (comma < 0) {
                throw new PerfUsageException("-o option expects code,hexstring format");
            }
            int code = nonNegativeInt(value.substring(0, comma), "-o option code must be a non negative integer");
            int maximum = ipVersion == 4 ? 254 : 65535;
            if (code < 1 || code > maximum) {
                throw new PerfUsageException("-o option code must be between 1 and " + maximum);
            }
            byte[] data;
            try {
                data = HexFormat.of().parseHex(value.substring(comma + 1).replace("0x", ""));
            } catch (IllegalArgumentException badHex) {
                throw new PerfUsageException("-o option value '" + value.substring(comma + 1) + "' is not a hex string");
            }
            if (ipVersion == 4 && data.length > 255) {
                throw new PerfUsageException("-o option value is longer than 255 bytes");
            }
            extraOptions.add(new PerfOptions.ExtraOption(code, data));
        }

        private void base(String value) throws PerfUsageException {
            if (++baseCount > 4) {
                throw new PerfUsageException("too many bases specified, at most 4 are allowed");
            }
            int equals = value.indexOf('=');
            String type = equals < 0 ? "" : value.substring(0, equals).strip().toLowerCase(java.util.Locale.ROOT);
            String text = equals < 0 ? "" : value.substring(equals + 1).strip();
            switch (type) {
                case "mac", "ether" -> baseMac = parseMac(text);
                case "duid" -> {
                    if (text.length() % 2 != 0 || text.length() < 2 || !text.chars().allMatch(PerfOptionsParser::isHex)) {
                        throw new PerfUsageException("invalid characters in DUID provided, expected hex digits");
                    }
                    if (text.length() > 256) {
                        throw new PerfUsageException("duid is longer than 128 bytes");
                    }
                    baseDuid = HexFormat.of().parseHex(text);
                }
                default -> throw new PerfUsageException("base value not provided as -b<value>, expected "
                        + "-b mac=<mac> or -b duid=<duid>");
            }
        }

        private PerfOptions finish() throws PerfUsageException {
            if (ipVersion == 0) {
                ipVersion = 4;
            }
            if (positional.size() > 1) {
                throw new PerfUsageException("extra arguments?");
            }
            if (relayLevel > 0 && ipVersion != 6) {
                throw new PerfUsageException("Can't use -4 with -A, it's a V6 only option.");
            }
            if (broadcast && ipVersion == 6) {
                throw new PerfUsageException("-B is not compatible with IPv6 (-6)");
            }
            if (rapidCommit && ipVersion != 6) {
                throw new PerfUsageException("-6 (IPv6) must be set to use -c");
            }
            if (rapidCommit && !initialOnly) {
                throw new PerfUsageException("-i must be set to use -c");
            }
            if (initialOnly && requestLimits.size() > 1) {
                throw new PerfUsageException("second -n<num-request> is not compatible with -i");
            }
            if (initialOnly && dropLimits.size() > 1) {
                throw new PerfUsageException("second -D<max-drop> is not compatible with -i");
            }
            if (elapsedStart >= 0 && elapsedPeriod < 0) {
                throw new PerfUsageException("Option -Y can't be used without -y");
            }
            if (elapsedPeriod >= 0 && elapsedStart < 0) {
                throw new PerfUsageException("Option -y can't be used without -Y");
            }
            if (scenario == PerfOptions.Scenario.AVALANCHE && (!clientCountGiven || clientCount == 0)) {
                throw new PerfUsageException("in case of avalanche scenario number\n"
                        + "of clients must be specified using -R option explicitly");
            }
            String serverName = positional.isEmpty() ? null : positional.getFirst();
            List<InetAddress> servers = new ArrayList<>();
            if (serverName != null) {
                servers.add(resolveServer(serverName));
                running.append(' ').append(serverName);
            }
            for (String name : serverList) {
                InetAddress address = resolveServer(name);
                if (!servers.contains(address)) {
                    servers.add(address);
                }
            }
            if (servers.isEmpty()) {
                if (localName != null && isInterface(localName)) {
                    servers.add(resolveServer("all"));
                    serverName = "all";
                } else {
                    throw new PerfUsageException("without an interface, server is required");
                }
            }
            if (ipVersion == 4 && servers.stream().anyMatch(server -> !(server instanceof java.net.Inet4Address))) {
                throw new PerfUsageException("server address must be an IPv4 address with -4");
            }
            if (ipVersion == 6 && servers.stream().anyMatch(server -> !(server instanceof java.net.Inet6Address))) {
                throw new PerfUsageException("server address must be an IPv6 address with -6");
            }
            return new PerfOptions(ipVersion, rate, clientCount, testPeriod, requestLimits, dropLimits, dropTimes,
                    localName, localPort, remotePort, baseMac, baseDuid, broadcast || isAll(serverName),
                    elapsedStart, elapsedPeriod, seed, uniqueness, initialOnly, exitWait, diagnostics, preload,
                    scenario, reportInterval, separator, rapidCommit, relayLevel, firstServerId, singleThread,
                    extraOptions, servers, serverName, json, running.toString().strip());
        }

        private boolean isAll(String serverName) {
            return ipVersion == 4 && "all".equals(serverName);
        }

        private InetAddress resolveServer(String name) throws PerfUsageException {
            String literal = switch (name) {
                case "all" -> ipVersion == 4 ? "255.255.255.255" : "ff02::1:2";
                case "servers" -> ipVersion == 6 ? "ff05::1:3" : name;
                default -> name;
            };
            try {
                return InetAddress.getByName(literal);
            } catch (UnknownHostException unknown) {
                throw new PerfUsageException("invalid address or host name of the server: " + name);
            }
        }
    }

    static boolean isInterface(String name) {
        try {
            return NetworkInterface.getByName(name) != null;
        } catch (SocketException notAvailable) {
            return false;
        }
    }

    private static boolean isHex(int character) {
        return Character.digit(character, 16) >= 0;
    }

    /** Accepts perfdhcp's two spellings: {@code 00:0c:01:02:03:04} and {@code 00::0c::01::02::03::04}. */
    static byte[] parseMac(String text) throws PerfUsageException {
        String[] parts = text.contains("::") ? text.split("::", -1) : text.split(":", -1);
        if (parts.length != 6) {
            throw new PerfUsageException("expected -b<base> format for mac address is "
                    + "-b mac=00::0C::01::02::03::04 or -b mac=00:0C:01:02:03:04");
        }
        byte[] mac = new byte[6];
        for (int index = 0; index < 6; index++) {
            String part = parts[index];
            if (part.isEmpty() || part.length() > 2 || !part.chars().allMatch(PerfOptionsParser::isHex)) {
                throw new PerfUsageException("invalid characters in MAC provided");
            }
            mac[index] = (byte) Integer.parseInt(part, 16);
        }
        return mac;
    }

    private static int positiveInt(String value, String reason) throws PerfUsageException {
        long parsed = integer(value, reason);
        if (parsed <= 0 || parsed > Integer.MAX_VALUE) {
            throw new PerfUsageException(reason);
        }
        return (int) parsed;
    }

    private static int nonNegativeInt(String value, String reason) throws PerfUsageException {
        long parsed = integer(value, reason);
        if (parsed < 0 || parsed > Integer.MAX_VALUE) {
            throw new PerfUsageException(reason);
        }
        return (int) parsed;
    }

    private static long nonNegativeLong(String value, String reason) throws PerfUsageException {
        long parsed = integer(value, reason);
        if (parsed < 0) {
            throw new PerfUsageException(reason);
        }
        return parsed;
    }

    private static long integer(String value, String reason) throws PerfUsageException {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException notNumber) {
            throw new PerfUsageException(reason);
        }
    }

    private static double number(String value, String reason) throws PerfUsageException {
        try {
            double parsed = Double.parseDouble(value.strip());
            if (Double.isNaN(parsed) || Double.isInfinite(parsed)) {
                throw new PerfUsageException(reason);
            }
            return parsed;
        } catch (NumberFormatException notNumber) {
            throw new PerfUsageException(reason);
        }
    }
}
