package io.orderengine.api.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code BasicErrorController}: an error forwarded to {@code /error} by the container (an
 * exception or {@code sendError} outside Spring MVC's handlers) answers a problem with its status, and {@code /error}
 * asked for directly is a 404 like any other unknown path (Boot's answered {@code status: 999}). The answer passes
 * Spring Security on the ERROR dispatch, so it carries the API's security headers.
 */
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        ProblemDetail problem = status instanceof Integer code
                ? ErrorProblems.forStatus(code)
                : ErrorProblems.forStatus(HttpStatus.NOT_FOUND.value());
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
