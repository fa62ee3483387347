package io.imprint.cli.contract;

import io.imprint.cli.backend.DeviceLine;
import io.imprint.cli.backend.UbootEmulatedLine;
import java.nio.file.Path;

/**
 * The backend contract with every MP signature made over a U-Boot console ({@code mw} +
 * {@code mfgprot sign} on an EMULATED board, through jSerialComm on a pseudo-terminal).
 */
class UbootEmulatedContractTest extends DeviceBackendContract {
    @Override
    protected DeviceLine line(Path dir) throws Exception {
        return new UbootEmulatedLine();
    }
}
