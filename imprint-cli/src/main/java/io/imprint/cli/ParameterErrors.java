package io.imprint.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse: one line {@code imprint: <reason> (see '<command> --help')},
 * exit code 2. picocli's own messages echo the offending argument (which may be a key-store URI
 * with its PIN), so the line passes through {@link Redaction} with the original arguments.
 */
final class ParameterErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        StringBuilder line = new StringBuilder(String.valueOf(ex.getMessage()));
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", unmatched.getSuggestions())).append('?');
        }
        line.append(" (see '").append(cmd.getCommandSpec().qualifiedName()).append(" --help')");
        cmd.getErr().println("imprint: " + Redaction.secrets(line.toString(), args).replace('\n', ' '));
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
