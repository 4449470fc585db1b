package dev.etcdboot.client.template;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.assertj.core.api.ThrowableAssertAlternative;

import dev.etcdboot.client.exception.EtcdKeyException;
import dev.etcdboot.client.exception.V2ErrorCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Asserts the directory model's errors by their v2 error code.
 */
final class KeyErrors {

	private KeyErrors() {
	}

	/**
	 * Assert that a call fails with an {@link EtcdKeyException} of a code.
	 * @param code the expected v2 error code
	 * @param call the call
	 * @return the assertion, for more checks
	 */
	static ThrowableAssertAlternative<EtcdKeyException> assertKeyError(V2ErrorCode code, ThrowingCallable call) {
		return assertThatExceptionOfType(EtcdKeyException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.errorCode()).isEqualTo(code));
	}

}
