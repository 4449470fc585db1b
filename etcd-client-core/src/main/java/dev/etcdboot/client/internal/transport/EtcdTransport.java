package dev.etcdboot.client.internal.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;

import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;

import dev.etcdboot.client.exception.EtcdErrorDetails;
import dev.etcdboot.client.exception.EtcdException;
import dev.etcdboot.client.exception.EtcdOutcomeUnknownException;
import dev.etcdboot.client.exception.EtcdProtocolException;
import dev.etcdboot.client.exception.EtcdTimeoutException;
import dev.etcdboot.client.exception.EtcdUnavailableException;
import dev.etcdboot.client.exception.GrpcStatus;
import dev.etcdboot.client.observation.DefaultEtcdObservationConvention;
import dev.etcdboot.client.observation.EtcdObservationContext;
import dev.etcdboot.client.observation.EtcdObservationConvention;
import dev.etcdboot.client.observation.EtcdObservationDocumentation;
import dev.etcdboot.client.transport.Endpoint;
import dev.etcdboot.client.transport.RetryPolicy;

/**
 * Sends unary requests to etcd's gateway: picks an endpoint, attaches the auth token,
 * retries where safe, and turns every failure into an {@link EtcdException}.
 * <p>
 * Retries: an {@link Idempotence#IDEMPOTENT} call is tried again on another endpoint
 * after a connection failure, a timeout, or an unavailable member; a
 * {@link Idempotence#NOT_IDEMPOTENT} call only when the request provably never reached a
 * server or etcd rejected it before applying it. A write whose answer was lost fails with
 * {@link EtcdOutcomeUnknownException}. An invalid or outdated auth token is renewed and
 * the call tried once more. Deadline: each attempt is bounded by the request timeout, and
 * no attempt starts after the call timeout has passed.
 */
public final class EtcdTransport {

	private static final Log logger = LogFactory.getLog(EtcdTransport.class);

	private static final int MAX_ERROR_BODY = 64 * 1024;

	/**
	 * Apache HttpClient 5's failure when no pooled connection came free in time, named
	 * since that client is optional: the request was never sent.
	 */
	private static final Set<String> NOT_SENT_FAILURES = Set.of("org.apache.hc.core5.util.DeadlineTimeoutException");

	private static final EtcdObservationConvention DEFAULT_CONVENTION = new DefaultEtcdObservationConvention();

	private final EndpointPool endpoints;

	private final RestClient restClient;

	private final @Nullable Credentials credentials;

	private final RetryPolicy retryPolicy;

	private final Duration callTimeout;

	private final ObservationRegistry observationRegistry;

	private final @Nullable EtcdObservationConvention observationConvention;

	private final ConcurrentHashMap<Endpoint, String> tokens = new ConcurrentHashMap<>();

	/**
	 * Create a transport.
	 * @param endpoints the endpoints to use
	 * @param restClient the client for unary requests, with a read timeout
	 * @param credentials the credentials, or {@code null} when etcd runs without auth
	 * @param retryPolicy how often to retry
	 * @param callTimeout after how long no new attempt starts
	 * @param observationRegistry where to report observations
	 * @param observationConvention a custom convention, or {@code null} for the default
	 * one
	 */
	public EtcdTransport(EndpointPool endpoints, RestClient restClient, @Nullable Credentials credentials,
			RetryPolicy retryPolicy, Duration callTimeout, ObservationRegistry observationRegistry,
			@Nullable EtcdObservationConvention observationConvention) {
		this.endpoints = endpoints;
		this.restClient = restClient;
		this.credentials = credentials;
		this.retryPolicy = retryPolicy;
		this.callTimeout = callTimeout;
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
	}

	/**
	 * Return the endpoints and their health.
	 * @return the endpoint pool
	 */
	public EndpointPool endpoints() {
		return this.endpoints;
	}

	/**
	 * Send a request and read its answer.
	 * @param <T> the response type
	 * @param operation the gateway operation, such as {@code kv/range}
	 * @param request the request body, serialized as etcd JSON
	 * @param responseType the type to read the answer into
	 * @param idempotence whether the request may be retried after it may have reached
	 * etcd
	 * @param key the key the request is about, for error messages and observations, or
	 * {@code null}
	 * @return the answer
	 * @throws EtcdException when etcd answered with an error or could not be reached
	 */
	public <T> T call(String operation, Object request, Class<T> responseType, Idempotence idempotence,
			@Nullable String key) {
		return call(operation, EtcdJson.mapper().writeValueAsBytes(request), reader(responseType), idempotence, key);
	}

	/**
	 * Send a request already encoded as etcd JSON and read its answer with a reader of
	 * its own: for hot paths that stream JSON instead of binding it. Retries, deadlines,
	 * errors and observations are those of
	 * {@link #call(String, Object, Class, Idempotence, String)}.
	 * @param <T> the response type
	 * @param operation the gateway operation, such as {@code kv/range}
	 * @param body the request body, etcd JSON
	 * @param reader reads a successful answer
	 * @param idempotence whether the request may be retried after it may have reached
	 * etcd
	 * @param key the key the request is about, for error messages and observations, or
	 * {@code null}
	 * @return the answer
	 * @throws EtcdException when etcd answered with an error or could not be reached
	 */
	public <T> T call(String operation, byte[] body, ResponseReader<T> reader, Idempotence idempotence,
			@Nullable String key) {
		EtcdObservationContext context = new EtcdObservationContext(operation, key);
		return EtcdObservationDocumentation.CLIENT_OPERATION
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.observe(() -> callWithRetries(context, body, reader, idempotence));
	}

	private static <T> ResponseReader<T> reader(Class<T> responseType) {
		return (body) -> EtcdJson.mapper().readValue(body, responseType);
	}

	/**
	 * Send a request to one endpoint only, without retrying elsewhere; used where the
	 * answer must come from a given member, such as its status. A stale auth token is
	 * renewed once.
	 * @param <T> the response type
	 * @param endpoint the endpoint
	 * @param operation the gateway operation
	 * @param request the request body
	 * @param responseType the type to read the answer into
	 * @return the answer
	 * @throws EtcdException when the member answered with an error or could not be
	 * reached
	 */
	public <T> T callOn(Endpoint endpoint, String operation, Object request, Class<T> responseType) {
		return callOn(endpoint, operation, request, reader(responseType));
	}

	/**
	 * Send a request to one endpoint only and read its answer with a reader of its own,
	 * such as one that streams a long answer elsewhere; see
	 * {@link #callOn(Endpoint, String, Object, Class)}.
	 * @param <T> the response type
	 * @param endpoint the endpoint
	 * @param operation the gateway operation
	 * @param request the request body
	 * @param reader reads a successful answer
	 * @return the answer
	 * @throws EtcdException when the member answered with an error or could not be
	 * reached
	 */
	public <T> T callOn(Endpoint endpoint, String operation, Object request, ResponseReader<T> reader) {
		byte[] body = EtcdJson.mapper().writeValueAsBytes(request);
		EtcdObservationContext context = new EtcdObservationContext(operation, null);
		return EtcdObservationDocumentation.CLIENT_OPERATION
			.observation(this.observationConvention, DEFAULT_CONVENTION, () -> context, this.observationRegistry)
			.observe(() -> callOnce(endpoint, context, body, reader));
	}

	private <T> T callOnce(Endpoint endpoint, EtcdObservationContext context, byte[] body, ResponseReader<T> reader) {
		context.attempt(endpoint.toString());
		for (int attempt = 1;; attempt++) {
			String token = null;
			try {
				token = authorizationFailingAsAttempt(endpoint, context);
				return exchange(endpoint, context.getOperation(), null, body, token, reader);
			}
			catch (AttemptFailedException failed) {
				if (attempt == 1 && token != null && failed.delivery() == AttemptFailedException.Delivery.ANSWERED
						&& GatewayErrors.staleToken(failed.failure().details())) {
					invalidate(endpoint, token);
					continue;
				}
				throw failed.failure();
			}
		}
	}

	/**
	 * Return the value of the {@code Authorization} header for an endpoint,
	 * authenticating when needed. Used by streaming requests, which manage their own
	 * connections.
	 * @param endpoint the endpoint
	 * @return the token, or {@code null} when no credentials are configured
	 * @throws EtcdException when authenticating failed
	 */
	public @Nullable String authorization(Endpoint endpoint) {
		try {
			return token(endpoint);
		}
		catch (AttemptFailedException failed) {
			throw failed.failure();
		}
	}

	private @Nullable String token(Endpoint endpoint) {
		if (this.credentials == null) {
			return null;
		}
		String token = this.tokens.get(endpoint);
		if (token == null) {
			token = authenticate(endpoint, this.credentials);
			this.tokens.put(endpoint, token);
		}
		return token;
	}

	/**
	 * Forget a token that etcd no longer accepts, so that the next request authenticates
	 * again.
	 * @param endpoint the endpoint the token was issued by
	 * @param token the rejected token
	 */
	public void invalidate(Endpoint endpoint, String token) {
		this.tokens.remove(endpoint, token);
	}

	private <T> T callWithRetries(EtcdObservationContext context, byte[] body, ResponseReader<T> reader,
			Idempotence idempotence) {
		long deadline = System.nanoTime() + this.callTimeout.toNanos();
		Set<Endpoint> tried = new HashSet<>(4);
		boolean tokenRenewed = false;
		for (int attempt = 1;; attempt++) {
			Endpoint endpoint = this.endpoints.select(tried);
			tried.add(endpoint);
			context.attempt(endpoint.toString());
			String token = null;
			try {
				token = authorizationFailingAsAttempt(endpoint, context);
				T answer = exchange(endpoint, context.getOperation(), context.getKey(), body, token, reader);
				this.endpoints.succeeded(endpoint);
				return answer;
			}
			catch (AttemptFailedException failed) {
				EtcdException failure = failed.failure();
				if (GatewayErrors.memberFailed(failure)) {
					this.endpoints.failed(endpoint);
				}
				boolean retryable = switch (failed.delivery()) {
					case NOT_SENT -> true;
					case TLS_REJECTED -> tried.size() < this.endpoints.all().size();
					case MAYBE_APPLIED -> {
						if (idempotence == Idempotence.NOT_IDEMPOTENT) {
							throw new EtcdOutcomeUnknownException(
									"The write may or may not have been applied: " + failure.getMessage(),
									failure.details(), failure.getCause());
						}
						yield true;
					}
					case ANSWERED -> {
						EtcdErrorDetails details = failure.details();
						if (token != null && !tokenRenewed && GatewayErrors.staleToken(details)) {
							invalidate(endpoint, token);
							tokenRenewed = true;
							tried.remove(endpoint);
							yield true;
						}
						if (GatewayErrors.rejectedBeforeApply(details) || (idempotence == Idempotence.IDEMPOTENT
								&& GatewayErrors.transientForReads(details))) {
							yield true;
						}
						if (idempotence == Idempotence.NOT_IDEMPOTENT && GatewayErrors.transientForReads(details)) {
							// "request timed out", "leader changed": the proposal may
							// have been applied
							throw new EtcdOutcomeUnknownException(
									"The write may or may not have been applied: " + failure.getMessage(), details,
									failure);
						}
						yield false;
					}
					case UNREADABLE -> false;
				};
				if (!retryable || attempt >= this.retryPolicy.maxAttempts()) {
					throw failure;
				}
				if (logger.isDebugEnabled()) {
					logger.debug("Retrying after attempt " + attempt + " failed: " + failure.getMessage());
				}
				pauseBeforeRetry(attempt, deadline, failure);
			}
		}
	}

	private void pauseBeforeRetry(int attempt, long deadline, EtcdException failure) {
		long pause = this.retryPolicy.backoff(attempt).toNanos();
		if (System.nanoTime() + pause - deadline > 0) {
			throw failure;
		}
		try {
			TimeUnit.NANOSECONDS.sleep(pause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			failure.addSuppressed(ex);
			throw failure;
		}
	}

	/**
	 * Obtain the token for an attempt. A failure to authenticate that another attempt may
	 * cure is reported as an attempt whose request was not sent (the request itself never
	 * left); a rejection of the credentials ends the call.
	 */
	private @Nullable String authorizationFailingAsAttempt(Endpoint endpoint, EtcdObservationContext context) {
		try {
			return token(endpoint);
		}
		catch (AttemptFailedException failed) {
			EtcdException failure = failed.failure();
			AttemptFailedException.Delivery delivery = switch (failed.delivery()) {
				case TLS_REJECTED -> AttemptFailedException.Delivery.TLS_REJECTED;
				case NOT_SENT, MAYBE_APPLIED -> AttemptFailedException.Delivery.NOT_SENT;
				case ANSWERED -> GatewayErrors.transientForReads(failure.details())
						? AttemptFailedException.Delivery.NOT_SENT : null;
				case UNREADABLE -> null;
			};
			if (delivery == null) {
				throw failure;
			}
			throw new AttemptFailedException(delivery, new EtcdUnavailableException(
					"Could not authenticate before " + context.getOperation(), failure.details(), failure.getCause()));
		}
	}

	private String authenticate(Endpoint endpoint, Credentials credentials) {
		AuthenticateResponse answer = exchange(endpoint, "auth/authenticate", null,
				EtcdJson.mapper()
					.writeValueAsBytes(new AuthenticateRequest(credentials.username(), credentials.password())),
				null, reader(AuthenticateResponse.class));
		if (answer.token() == null || answer.token().isEmpty()) {
			throw new AttemptFailedException(AttemptFailedException.Delivery.UNREADABLE,
					new EtcdProtocolException("etcd returned no auth token for user '" + credentials.username() + "'",
							EtcdErrorDetails.unanswered("auth/authenticate", endpoint.toString(), null), null));
		}
		return answer.token();
	}

	private <T> T exchange(Endpoint endpoint, String operation, @Nullable String key, byte[] body,
			@Nullable String token, ResponseReader<T> reader) {
		try {
			T answer = this.restClient.post()
				.uri(endpoint.resolve(operation))
				.contentType(MediaType.APPLICATION_JSON)
				.headers((headers) -> {
					if (token != null) {
						headers.set(HttpHeaders.AUTHORIZATION, token);
					}
				})
				.body(body)
				.exchange((request, response) -> read(endpoint, operation, key, response, reader), true);
			if (answer == null) {
				throw unreadable(endpoint, operation, key, 200, "an empty body", null);
			}
			return answer;
		}
		catch (ResourceAccessException ex) {
			throw failedToCommunicate(endpoint, operation, key, ex.getCause() != null ? ex.getCause() : ex);
		}
	}

	private <T> T read(Endpoint endpoint, String operation, @Nullable String key, ClientHttpResponse response,
			ResponseReader<T> reader) throws IOException {
		int status = response.getStatusCode().value();
		try (InputStream body = response.getBody()) {
			if (status == 200) {
				try {
					return reader.read(body);
				}
				catch (JacksonIOException ex) {
					throw failedToCommunicate(endpoint, operation, key, ex.getCause() != null ? ex.getCause() : ex);
				}
				catch (JacksonException ex) {
					throw unreadable(endpoint, operation, key, status, "JSON it cannot read", ex);
				}
			}
			GatewayError error = GatewayError.parse(body.readNBytes(MAX_ERROR_BODY));
			EtcdErrorDetails details = new EtcdErrorDetails(operation, endpoint.toString(), key, error.status(), status,
					error.text());
			throw new AttemptFailedException(AttemptFailedException.Delivery.ANSWERED,
					GatewayErrors.toException(details));
		}
	}

	private static AttemptFailedException unreadable(Endpoint endpoint, String operation, @Nullable String key,
			int status, String what, @Nullable Throwable cause) {
		EtcdErrorDetails details = new EtcdErrorDetails(operation, endpoint.toString(), key, GrpcStatus.UNKNOWN, status,
				null);
		return new AttemptFailedException(AttemptFailedException.Delivery.UNREADABLE,
				new EtcdProtocolException("etcd answered with " + what, details, cause));
	}

	private AttemptFailedException failedToCommunicate(Endpoint endpoint, String operation, @Nullable String key,
			Throwable cause) {
		EtcdErrorDetails details = EtcdErrorDetails.unanswered(operation, endpoint.toString(), key);
		String causeName = cause.getClass().getSimpleName();
		if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException
				|| cause instanceof UnknownHostException || cause instanceof NoRouteToHostException
				|| cause instanceof UnresolvedAddressException || causeName.equals("ConnectTimeoutException")
				|| NOT_SENT_FAILURES.contains(cause.getClass().getName())) {
			return new AttemptFailedException(AttemptFailedException.Delivery.NOT_SENT,
					new EtcdUnavailableException("Cannot connect to etcd: " + describe(cause), details, cause));
		}
		if (cause instanceof SSLException) {
			return new AttemptFailedException(AttemptFailedException.Delivery.TLS_REJECTED,
					new EtcdUnavailableException("TLS handshake with etcd failed: " + describe(cause), details, cause));
		}
		// the JDK client's, java.net's (Apache HttpClient, Jetty) and Netty's read
		// timeouts
		if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException
				|| causeName.endsWith("TimeoutException")) {
			return new AttemptFailedException(AttemptFailedException.Delivery.MAYBE_APPLIED,
					new EtcdTimeoutException("No answer from etcd in time", details, cause));
		}
		return new AttemptFailedException(AttemptFailedException.Delivery.MAYBE_APPLIED,
				new EtcdUnavailableException("Connection to etcd lost: " + describe(cause), details, cause));
	}

	private static String describe(Throwable cause) {
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? " (" + message + ")" : "");
	}

	private record AuthenticateRequest(String name, String password) {

		@Override
		public String toString() {
			return "AuthenticateRequest[name=" + this.name + ", password=******]";
		}

	}

	private record AuthenticateResponse(@Nullable String token) {

		@Override
		public String toString() {
			return "AuthenticateResponse[token=******]";
		}

	}

}
