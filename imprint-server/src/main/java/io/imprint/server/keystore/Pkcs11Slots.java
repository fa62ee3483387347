package io.imprint.server.keystore;

import io.imprint.protocol.problem.ImprintException;
import io.imprint.protocol.problem.ProblemCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.KeyStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds the slot of the one token a {@link Pkcs11Uri} names by {@code token=} (label), {@code serial=},
 * {@code manufacturer=}, {@code model=} and optionally {@code slot-id=} (RFC 7512). Guarantee: the
 * slot returned holds a token whose every given attribute matches; when no token or more than one
 * matches, it refuses (naming the attributes and the tokens present, never a PIN), so a key is never
 * created in, or read from, another token.
 *
 * <p>Why the JDK's internal PKCS#11 wrapper: SunPKCS11 selects a slot only by {@code slot} (id) or
 * {@code slotListIndex} and exposes no token information, so matching a label needs
 * C_GetSlotList/C_GetTokenInfo. The alternatives are our own JNI code or the FFM API (a preview in
 * Java 21, our language level). The wrapper is the native glue SunPKCS11 itself uses, and
 * {@code PKCS11.getInstance} keeps one initialised instance per library path, so the module is
 * initialised once and shared with the provider opened next (the flags match SunPKCS11's:
 * {@code CKF_OS_LOCKING_OK}, else none). It is called by reflection, so compiling needs no flag.
 * Running needs {@code --add-exports jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED}:
 * the imprint jar's manifest ({@code Add-Exports}) and the test JVMs set it; without it a URI that
 * names a token is refused with that instruction, while one with only {@code slot-id=} still opens.
 * EJBCA and SignServer look up PKCS#11 token labels the same way.
 */
final class Pkcs11Slots {
    static final String WRAPPER = "sun.security.pkcs11.wrapper";
    private static final long CKF_OS_LOCKING_OK = 0x2L;
    private static final long CKF_TOKEN_INITIALIZED = 0x400L;

    private Pkcs11Slots() {
    }

    /** The one token in {@code module} that {@code uri} names. */
    static Pkcs11Token select(Pkcs11Uri uri, String module) throws KeyStoreException {
        return choose(uri, tokens(module), module);
    }

    /** The one token of {@code present} that matches {@code uri}; refuses none or several. */
    static Pkcs11Token choose(Pkcs11Uri uri, List<Pkcs11Token> present, String module) {
        List<Pkcs11Token> matching = present.stream().filter(t -> t.matches(uri)).toList();
        if (matching.isEmpty()) {
            throw new ImprintException(ProblemCode.NOT_FOUND, "no PKCS#11 token matches " + uri.selector() + " in "
                    + module + (present.isEmpty() ? " (no token present)"
                    : " (present: " + present.stream().map(Pkcs11Token::describe).collect(Collectors.joining(", ")) + ")"));
        }
        if (matching.size() > 1) {
            throw new ImprintException(ProblemCode.CONFLICT, matching.size() + " PKCS#11 tokens match " + uri.selector()
                    + " in " + module + ": " + matching.stream().map(Pkcs11Token::describe).collect(Collectors.joining(", "))
                    + "; add serial=<serial> to the URI");
        }
        return matching.get(0);
    }

    /** Every initialised token present in {@code module}'s slots (C_GetSlotList(true), C_GetTokenInfo). */
    static List<Pkcs11Token> tokens(String module) throws KeyStoreException {
        if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(module))) {
            throw new KeyStoreException("cannot load PKCS#11 module " + module + ": no such file"
                    + " (install the token's module, e.g. 'apt-get install softhsm2', or give module-path=)");
        }
        try {
            Class<?> p11 = Class.forName(WRAPPER + ".PKCS11");
            if (!p11.getModule().isExported(WRAPPER, Pkcs11Slots.class.getModule())) {
                throw new KeyStoreException("selecting a PKCS#11 token by token=/serial= needs the JVM option --add-exports "
                        + p11.getModule().getName() + "/" + WRAPPER + "=ALL-UNNAMED (the imprint jar sets it); or use slot-id=");
            }
            Object pkcs11 = instance(p11, module);
            List<Pkcs11Token> out = new ArrayList<>();
            for (long slot : (long[]) p11.getMethod("C_GetSlotList", boolean.class).invoke(pkcs11, true)) {
                Object info = p11.getMethod("C_GetTokenInfo", long.class).invoke(pkcs11, slot);
                if ((info.getClass().getField("flags").getLong(info) & CKF_TOKEN_INITIALIZED) == 0) {
                    continue; // no label, no PIN, no keys: SoftHSM2's spare slot
                }
                out.add(new Pkcs11Token(slot, text(info, "label"), text(info, "manufacturerID"), text(info, "model"),
                        text(info, "serialNumber")));
            }
            return out;
        } catch (InvocationTargetException e) {
            throw new KeyStoreException("PKCS#11 module " + module + ": " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new KeyStoreException("this JDK's SunPKCS11 wrapper cannot list tokens (" + e + "); use slot-id=", e);
        }
    }

    /** The shared wrapper instance for {@code module}: multi-threaded like SunPKCS11, else single-threaded. */
    private static Object instance(Class<?> p11, String module) throws ReflectiveOperationException {
        Class<?> argsClass = Class.forName(WRAPPER + ".CK_C_INITIALIZE_ARGS");
        Method getInstance = p11.getMethod("getInstance", String.class, String.class, argsClass, boolean.class);
        Object args = argsClass.getConstructor().newInstance();
        argsClass.getField("flags").setLong(args, CKF_OS_LOCKING_OK);
        try {
            return getInstance.invoke(null, module, "C_GetFunctionList", args, false);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof java.io.IOException) {
                throw e;
            }
            return getInstance.invoke(null, module, "C_GetFunctionList", null, false);
        }
    }

    /** A blank-padded CK_UTF8CHAR field (the wrapper gives one char per byte) as a string without the padding. */
    private static String text(Object info, String field) throws ReflectiveOperationException {
        char[] chars = (char[]) info.getClass().getField(field).get(info);
        byte[] utf8 = new byte[chars.length];
        for (int i = 0; i < chars.length; i++) {
            utf8[i] = (byte) chars[i];
        }
        return new String(utf8, StandardCharsets.UTF_8).replaceAll("[ \\u0000]+$", "");
    }
}
