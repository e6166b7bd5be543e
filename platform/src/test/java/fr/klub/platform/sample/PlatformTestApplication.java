package fr.klub.platform.sample;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service built on platform, for platform's own tests (not part of the test-jar). */
@SpringBootApplication
public class PlatformTestApplication {
}
