package dev.etcdboot.test.testcontainers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only where a Docker engine answers. Elsewhere they are skipped
 * with that reason, except when the environment variable {@code CI} is {@code true}:
 * there a missing engine fails them, so that a build server never skips Docker tests
 * silently.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(DockerAvailableCondition.class)
public @interface EnabledIfDockerAvailable {

}
