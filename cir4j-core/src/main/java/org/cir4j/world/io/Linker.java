package org.cir4j.world.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Puts an existing image file into a layout folder: a hard link, so the image is stored once, or a
 * copy where the file system refuses links (another device, no link support). The first refusal
 * switches the linker to copying for the rest of the run; {@link #mode()} reports what was used.
 */
public final class Linker {
    private volatile boolean copying;

    public void link(Path existing, Path link) throws IOException {
        Files.createDirectories(link.toAbsolutePath().getParent());
        if (!copying) {
            try {
                Files.createLink(link, existing);
                return;
            } catch (FileAlreadyExistsException e) {
                throw e;
            } catch (UnsupportedOperationException | FileSystemException e) {
                copying = true; // documented fallback; reported in world.json as link_mode "copy"
            }
        }
        Path tmp = link.resolveSibling("." + link.getFileName() + ".tmp");
        Files.copy(existing, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, link, StandardCopyOption.ATOMIC_MOVE);
    }

    public String mode() {
        return copying ? "copy" : "hardlink";
    }
}
