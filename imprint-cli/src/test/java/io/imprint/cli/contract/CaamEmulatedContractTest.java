package io.imprint.cli.contract;

import io.imprint.cli.backend.CaamEmulatedLine;
import io.imprint.cli.backend.DeviceLine;
import java.nio.file.Path;

/** The backend contract on EMULATED i.MX CAAM chips ({@code --backend caam-emulated}, method caam-mp). */
class CaamEmulatedContractTest extends DeviceBackendContract {
    @Override
    protected DeviceLine line(Path dir) {
        return new CaamEmulatedLine();
    }
}
