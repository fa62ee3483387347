package io.imprint.server.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/**
 * The key a client is limited by: its IPv4 address, or the /64 prefix of its IPv6 address (one
 * host usually holds a whole /64, so keying by full address would let it rotate addresses).
 */
public final class ClientKey {
    private static final int MAX_LENGTH = 64;

    private ClientKey() {
    }

    /** The key of a remote address as the servlet reports it (an IP literal). */
    public static String of(String remoteAddress) {
        if (remoteAddress == null || remoteAddress.isEmpty()) {
            return "unknown";
        }
        if (remoteAddress.indexOf(':') < 0) {
            return bounded(remoteAddress);
        }
        String literal = remoteAddress.replace("[", "").replace("]", "");
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        try {
            // Bracketed, so it is parsed as an IPv6 literal and never resolved as a name.
            InetAddress address = InetAddress.getByName("[" + literal + "]");
            if (address instanceof Inet6Address) {
                return HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException | SecurityException e) {
            return bounded(remoteAddress);
        }
    }

    private static String bounded(String s) {
        return s.length() <= MAX_LENGTH ? s : s.substring(0, MAX_LENGTH);
    }
}
