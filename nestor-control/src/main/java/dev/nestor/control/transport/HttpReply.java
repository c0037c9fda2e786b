package dev.nestor.control.transport;

import java.util.Objects;

/**
 * What the HTTP listener sends back for one request: an HTTP status and a JSON body. Command
 * answers are status 200 with a JSON list; HTTP-layer refusals carry their status and a bare map
 * {@code {"result": <status>, "text": "<reason phrase>"}}, as Kea does.
 */
public record HttpReply(int status, String body) {

    public HttpReply {
        Objects.requireNonNull(body, "body");
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
    }

    /** 200 with the given JSON body. */
    public static HttpReply ok(String body) {
        return new HttpReply(200, body);
    }

    /** An HTTP-layer error with Kea's body for it. */
    public static HttpReply error(int status) {
        return new HttpReply(status, AnswerText.error(status, reasonPhrase(status)));
    }

    /** The standard reason phrase Nestor (like Kea) uses for a status. */
    public static String reasonPhrase(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 413 -> "Payload Too Large";
            case 500 -> "Internal Server Error";
            case 501 -> "Not Implemented";
            case 503 -> "Service Unavailable";
            case 505 -> "HTTP Version Not Supported";
            default -> "Status " + status;
        };
    }
}
