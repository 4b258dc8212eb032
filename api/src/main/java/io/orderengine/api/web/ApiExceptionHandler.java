package io.orderengine.api.web;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.orderengine.api.web.protection.BodySizeLimitFilter;
import io.orderengine.api.web.protection.RateLimitExceededException;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as RFC 9457 problem+json with a stable type; no stack trace, no internal class names.
 * Domain rejections are mapped by {@link DomainErrors}; anything unexpected is logged here and answered 500
 * with a generic text.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return respond(Problems.of(e));
    }

    @ExceptionHandler(RateLimitExceededException.class)
    ResponseEntity<ProblemDetail> rateLimited(RateLimitExceededException e) {
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", e.getMessage()));
    }

    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<ProblemDetail> badMultipart(org.springframework.web.multipart.MultipartException e) {
        return respond(Problems.of(HttpStatus.BAD_REQUEST, "request", "The multipart body is malformed; send JSON."));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraint(ConstraintViolationException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "The request is not valid.");
        problem.setProperty(
                "errors",
                e.getConstraintViolations().stream()
                        .map(v -> Map.of("field", String.valueOf(v.getPropertyPath()), "message", v.getMessage()))
                        .toList());
        return respond(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return respond(Problems.of(
                HttpStatus.BAD_REQUEST, "validation", "Parameter '" + e.getName() + "' has an invalid value."));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e) {
        return respond(Problems.of(HttpStatus.NOT_FOUND, "not-found", "The resource was not found."));
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException e) {
        return respond(
                Problems.of(HttpStatus.CONFLICT, "already-exists", "A resource with this identifier already exists."));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrency(ConcurrencyException e) {
        return respond(Problems.of(
                HttpStatus.CONFLICT,
                "conflict",
                "The resource already exists or was changed at the same time; read it again and retry."));
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return DomainErrors.toProblem(cause).map(ApiExceptionHandler::respond).orElseGet(() -> unexpected(e));
    }

    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> runtime(RuntimeException e) {
        return DomainErrors.toProblem(e).map(ApiExceptionHandler::respond).orElseGet(() -> unexpected(e));
    }

    private static ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected error while handling a request", e);
        return respond(
                Problems.of(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "internal",
                        "Something went wrong on our side; nothing was changed by this request if it failed before the reply."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "The request body is not valid.");
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .collect(Collectors.toList());
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(g -> errors.add(
                        Map.of("field", g.getObjectName(), "message", String.valueOf(g.getDefaultMessage()))));
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest()
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "validation", "The request is not valid.");
        problem.setProperty(
                "errors",
                e.getAllErrors().stream()
                        .map(err -> Map.of("message", String.valueOf(err.getDefaultMessage())))
                        .toList());
        return ResponseEntity.badRequest()
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodySizeLimitFilter.BodyTooLargeException) {
                return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
                        .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                        .body(Problems.of(
                                HttpStatus.PAYLOAD_TOO_LARGE,
                                "payload-too-large",
                                "Request bodies may be at most 100 kB."));
            }
        }
        String detail = "The request body is not valid JSON for this endpoint.";
        Throwable cause = e.getCause();
        Matcher duplicate = duplicateKey(e);
        if (duplicate != null) {
            // STRICT_DUPLICATE_DETECTION (JsonConfiguration): a key given twice is refused, never "last one wins"
            detail = "Field '" + shortened(duplicate.group(1)) + "' appears more than once.";
        } else if (cause instanceof MismatchedInputException fractional
                && isWholeNumberType(fractional.getTargetType())
                && String.valueOf(fractional.getOriginalMessage()).contains("Floating-point")) {
            detail = "Field '" + path(fractional) + "' must be a whole number.";
        } else if (cause instanceof UnrecognizedPropertyException unknown) {
            detail = "Unknown field '" + unknown.getPropertyName() + "'.";
        } else if (cause instanceof InvalidFormatException invalid) {
            detail = "Field '" + path(invalid) + "' has a value of the wrong type or format.";
        } else if (cause instanceof MismatchedInputException mismatched
                && !mismatched.getPath().isEmpty()) {
            detail = "Field '" + path(mismatched) + "' has a value of the wrong type.";
        } else if (cause != null
                && cause.getCause() instanceof IllegalArgumentException illegal
                && illegal.getMessage() != null) {
            detail = illegal.getMessage();
        }
        return ResponseEntity.badRequest()
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.BAD_REQUEST, "malformed-body", detail));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Spring's own MVC errors (405, 406, 415, missing parameter/header...): keep the status, use our type.
        HttpStatus resolved = HttpStatus.resolve(status.value());
        ProblemDetail problem = Problems.of(
                resolved == null ? HttpStatus.BAD_REQUEST : resolved,
                resolved != null && resolved.is4xxClientError() ? "request" : "internal",
                body instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail() : "The request failed.");
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** The parser's "Duplicate field" error anywhere in the chain (nested objects wrap it with their path), or null. */
    private static Matcher duplicateKey(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof StreamReadException read && read.getOriginalMessage() != null) {
                Matcher duplicate = DUPLICATE_KEY.matcher(read.getOriginalMessage());
                if (duplicate.matches()) {
                    return duplicate;
                }
            }
        }
        return null;
    }

    private static boolean isWholeNumberType(Class<?> type) {
        return type != null
                && (type == int.class
                        || type == long.class
                        || type == short.class
                        || type == Integer.class
                        || type == Long.class
                        || type == Short.class
                        || type == java.math.BigInteger.class);
    }

    private static String shortened(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    private static String path(MismatchedInputException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
