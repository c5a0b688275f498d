package org.ccpulse.infra.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.function.Consumer;

/**
 * A stand-in for System.out that hands the lines printed by some threads (by name prefix) to {@code diverted}
 * and passes everything else through unchanged.
 */
final class ThreadFilteringPrintStream extends PrintStream {

    ThreadFilteringPrintStream(PrintStream passThrough, String threadPrefix, Consumer<String> diverted) {
        super(new Router(passThrough, threadPrefix, diverted), true, Charset.defaultCharset());
    }

    private static final class Router extends OutputStream {
        private final PrintStream passThrough;
        private final String threadPrefix;
        private final Consumer<String> diverted;
        private final ThreadLocal<ByteArrayOutputStream> line = ThreadLocal.withInitial(ByteArrayOutputStream::new);

        Router(PrintStream passThrough, String threadPrefix, Consumer<String> diverted) {
            this.passThrough = passThrough;
            this.threadPrefix = threadPrefix;
            this.diverted = diverted;
        }

        private boolean divert() {
            return Thread.currentThread().getName().startsWith(threadPrefix);
        }

        @Override
        public void write(int b) {
            if (!divert()) {
                passThrough.write(b);
            } else if (b == '\n') {
                ByteArrayOutputStream buffer = line.get();
                diverted.accept(buffer.toString(Charset.defaultCharset()).stripTrailing());
                buffer.reset();
            } else {
                line.get().write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (!divert()) {
                passThrough.write(b, off, len);
                return;
            }
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public void flush() {
            passThrough.flush();
        }
    }
}
