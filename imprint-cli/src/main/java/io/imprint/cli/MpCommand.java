package io.imprint.cli;

import picocli.CommandLine.Command;

/** {@code imprint mp ...}: manufacturing-protection diagnostics. */
@Command(name = "mp", mixinStandardHelpOptions = true,
        footer = {"%nExamples:",
                "  imprint mp verify --mp-key pubk.txt --transcript sign.txt",
                "  imprint mp verify --from-uboot /dev/ttyUSB0"},
        description = "Manufacturing-protection (MP) key diagnostics.", subcommands = MpVerifyCommand.class)
final class MpCommand {
    private MpCommand() {
    }
}
