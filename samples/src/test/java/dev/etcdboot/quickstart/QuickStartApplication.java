package dev.etcdboot.quickstart;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application around the README's quick start ({@link Greetings}, copied verbatim).
 */
@SpringBootApplication
class QuickStartApplication {

}
