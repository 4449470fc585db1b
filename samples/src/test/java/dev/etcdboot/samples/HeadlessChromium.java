package dev.etcdboot.samples;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * A real headless Debian {@code chromium}, driven over the DevTools protocol: a new empty
 * profile, no network of its own (no updates, sync or QUIC), stopped with all its
 * processes on {@link #close()}. Fails, naming the package, when chromium is not
 * installed ({@code ./run-tests.sh} installs it).
 */
final class HeadlessChromium implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.shared();

	private final Path profile;

	private final Process process;

	private final WebSocket devTools;

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();

	private HeadlessChromium(Path profile, Process process, WebSocket devTools) {
		this.profile = profile;
		this.process = process;
		this.devTools = devTools;
	}

	static HeadlessChromium start() throws IOException, InterruptedException {
		Path executable = locate();
		Path profile = Files.createTempDirectory("chromium-profile");
		Process process = new ProcessBuilder(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1",
				"--remote-debugging-port=0", "about:blank")
			.redirectErrorStream(true)
			.redirectOutput(log(profile).toFile())
			.start();
		try {
			Path activePort = profile.resolve("DevToolsActivePort");
			await().atMost(Duration.ofSeconds(60))
				.until(() -> !process.isAlive()
						|| Files.exists(activePort) && Files.readAllLines(activePort).size() >= 2);
			if (!process.isAlive()) {
				throw new IllegalStateException(
						"chromium exited with " + process.exitValue() + ": see " + log(profile));
			}
			int port = Integer.parseInt(Files.readAllLines(activePort).get(0).trim());
			HttpClient http = HttpClient.newHttpClient();
			String pages = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
						HttpResponse.BodyHandlers.ofString())
				.body();
			String page = null;
			for (JsonNode target : json.readTree(pages)) {
				if (target.path("type").asString().equals("page")) {
					page = target.path("webSocketDebuggerUrl").asString();
				}
			}
			if (page == null) {
				throw new IllegalStateException("chromium shows no page to drive: " + pages);
			}
			HeadlessChromium[] self = new HeadlessChromium[1];
			WebSocket socket = http.newWebSocketBuilder()
				.buildAsync(URI.create(page), new Answers((answer) -> self[0].answered(answer)))
				.get(30, TimeUnit.SECONDS);
			self[0] = new HeadlessChromium(profile, process, socket);
			return self[0];
		}
		catch (Exception ex) {
			stop(process, profile);
			throw new IllegalStateException("Could not drive chromium", ex);
		}
	}

	private static Path locate() {
		for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			Path candidate = Path.of(directory, "chromium");
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new IllegalStateException("'chromium' is not on the PATH: it comes with Debian's package chromium "
				+ "('apt-get install chromium'); ./run-tests.sh installs it");
	}

	/**
	 * Open a page and wait until it has loaded.
	 * @param url the page
	 */
	void open(String url) {
		call("Page.enable", Map.of());
		call("Page.navigate", Map.of("url", url));
		await().atMost(Duration.ofSeconds(30)).until(() -> "complete".equals(evaluate("document.readyState")));
	}

	/**
	 * Evaluate JavaScript in the page, awaiting a promise it returns.
	 * @param expression the expression
	 * @return its value as text, or {@code null} when it has none
	 */
	String evaluate(String expression) {
		JsonNode result = call("Runtime.evaluate",
				Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
		if (result.has("exceptionDetails")) {
			throw new IllegalStateException("JavaScript failed: " + result.path("exceptionDetails"));
		}
		JsonNode value = result.path("result").path("value");
		return value.isMissingNode() || value.isNull() ? null : value.asString();
	}

	private JsonNode call(String method, Map<String, Object> params) {
		int id = this.ids.incrementAndGet();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.answers.put(id, answer);
		String message = json.writeValueAsString(Map.of("id", id, "method", method, "params", params));
		try {
			this.devTools.sendText(message, true).get(30, TimeUnit.SECONDS);
			JsonNode reply = answer.get(30, TimeUnit.SECONDS);
			if (reply.has("error")) {
				throw new IllegalStateException(method + " failed: " + reply.path("error"));
			}
			return reply.path("result");
		}
		catch (Exception ex) {
			throw new IllegalStateException("DevTools call " + method + " got no answer", ex);
		}
		finally {
			this.answers.remove(id);
		}
	}

	private void answered(JsonNode message) {
		if (message.has("id")) {
			CompletableFuture<JsonNode> answer = this.answers.get(message.path("id").asInt());
			if (answer != null) {
				answer.complete(message);
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.devTools.abort();
		stop(this.process, this.profile);
		Files.deleteIfExists(log(this.profile));
	}

	private static Path log(Path profile) {
		return profile.resolveSibling(profile.getFileName() + ".log");
	}

	private static void stop(Process process, Path profile) {
		List<ProcessHandle> children = process.descendants().toList();
		process.destroy();
		children.forEach(ProcessHandle::destroy);
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
		try (Stream<Path> files = Files.walk(profile)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not remove chromium's profile " + profile, ex);
		}
	}

	/**
	 * Collects the DevTools messages, each possibly in several frames, and hands them on.
	 */
	private static final class Answers implements WebSocket.Listener {

		private final Consumer<JsonNode> receiver;

		private final StringBuilder frames = new StringBuilder();

		Answers(Consumer<JsonNode> receiver) {
			this.receiver = receiver;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.frames.append(data);
			if (last) {
				String message = this.frames.toString();
				this.frames.setLength(0);
				this.receiver.accept(json.readTree(message));
			}
			webSocket.request(1);
			return null;
		}

	}

}
