package io.svccfg.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link HttpService} in this JVM on port 0, asked by the JDK's HTTP client. */
class HttpServiceTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private HttpService service;

    @BeforeEach
    void start() throws IOException {
        service = HttpService.start(0, "web-test");
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void thePageNamesTheHostAndTheEndpoint() throws Exception {
        for (String path : new String[] {"/", "/any/path"}) {
            HttpResponse<String> response = send("GET", path);
            assertEquals(200, response.statusCode());
            assertEquals("text/plain; charset=utf-8", response.headers().firstValue("Content-Type").orElse(null));
            assertEquals("http served by web-test at 127.0.0.1:" + service.localPort() + "\n", response.body());
        }
    }

    @Test
    void otherMethodsAre405() throws Exception {
        HttpResponse<String> response = send("DELETE", "/");
        assertEquals(405, response.statusCode());
        assertEquals("GET, HEAD", response.headers().firstValue("Allow").orElse(null));
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.localPort() + path))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
