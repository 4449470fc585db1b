package dev.etcdboot.client.internal.transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a successful answer of etcd's gateway from its body, for calls that decode etcd's
 * JSON by streaming instead of data binding.
 *
 * @param <T> the type read
 */
@FunctionalInterface
public interface ResponseReader<T> {

	/**
	 * Read the answer.
	 * @param body the response body, closed by the caller
	 * @return the answer
	 * @throws IOException when the body cannot be read
	 * @throws tools.jackson.core.JacksonException when the body is not the JSON expected
	 */
	T read(InputStream body) throws IOException;

}
