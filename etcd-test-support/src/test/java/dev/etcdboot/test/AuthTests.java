package dev.etcdboot.test;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

class AuthTests {

	@RegisterExtension
	static final EtcdExtension etcd = EtcdExtension.builder().auth("rootpw").build();

	private final TestHttp http = new TestHttp();

	@Test
	void unauthenticatedRequestIsRejected() throws Exception {
		HttpResponse<String> range = this.http.get(etcd.endpointsAsString(), "/any", null);
		// etcd 3.4 answers a missing token with InvalidArgument, not Unauthenticated
		assertThat(range.statusCode()).isEqualTo(400);
		assertThat(range.body()).contains("user name is empty");
	}

	@Test
	void rootTokenWorks() throws Exception {
		assertThat(etcd.rootPassword()).isEqualTo("rootpw");
		String token = this.http.authenticate(etcd.endpointsAsString(), "root", "rootpw");
		assertThat(this.http.put(etcd.endpointsAsString(), "/as-root", "v", token).statusCode()).isEqualTo(200);
		assertThat(this.http.get(etcd.endpointsAsString(), "/as-root", token).body()).contains(TestHttp.b64("v"));
	}

	@Test
	void invalidTokenIsUnauthenticated() throws Exception {
		assertThat(this.http.get(etcd.endpointsAsString(), "/any", "not-a-token").statusCode()).isEqualTo(401);
	}

	@Test
	void clearKeysAuthenticatesAsRoot() throws Exception {
		String token = this.http.authenticate(etcd.endpointsAsString(), "root", "rootpw");
		this.http.put(etcd.endpointsAsString(), "/x", "1", token);
		assertThat(etcd.cluster().clearKeys()).isEqualTo(1);
		assertThat(this.http.countAll(etcd.endpointsAsString(), token)).isZero();
	}

	@Test
	void readWriteUserIsConfinedToItsPrefix() throws Exception {
		etcd.cluster().addUser("alice", "alice-pw", "app-rw", "/app/", Permission.READWRITE);
		String token = this.http.authenticate(etcd.endpointsAsString(), "alice", "alice-pw");
		assertThat(this.http.put(etcd.endpointsAsString(), "/app/config", "v", token).statusCode()).isEqualTo(200);
		assertThat(this.http.get(etcd.endpointsAsString(), "/app/config", token).body()).contains(TestHttp.b64("v"));
		HttpResponse<String> outside = this.http.put(etcd.endpointsAsString(), "/apq", "v", token);
		assertThat(outside.statusCode()).isEqualTo(403);
		assertThat(outside.body()).contains("permission denied");
	}

	@Test
	void readOnlyUserCannotWrite() throws Exception {
		etcd.cluster().addUser("bob", "bob-pw", "app-ro", "/app/", Permission.READ);
		String token = this.http.authenticate(etcd.endpointsAsString(), "bob", "bob-pw");
		assertThat(this.http.get(etcd.endpointsAsString(), "/app/config", token).statusCode()).isEqualTo(200);
		assertThat(this.http.put(etcd.endpointsAsString(), "/app/config", "v", token).statusCode()).isEqualTo(403);
	}

	@Test
	void writeOnlyUserCannotRead() throws Exception {
		etcd.cluster().addUser("carol", "carol-pw", "app-wo", "/app/", Permission.WRITE);
		String token = this.http.authenticate(etcd.endpointsAsString(), "carol", "carol-pw");
		assertThat(this.http.put(etcd.endpointsAsString(), "/app/config", "v", token).statusCode()).isEqualTo(200);
		assertThat(this.http.get(etcd.endpointsAsString(), "/app/config", token).statusCode()).isEqualTo(403);
	}

}
