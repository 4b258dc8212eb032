package io.orderengine.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.api.web.protection.SecurityHeaders;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report for what never reaches the application (a request line or header Tomcat cannot parse, an
 * invalid URI, {@code CONNECT}): a problem+json with the API's security headers instead of Tomcat's HTML page.
 */
final class ProblemErrorReportValve extends ErrorReportValve {

    private final ObjectMapper mapper;
    private final SecurityHeaders securityHeaders;

    ProblemErrorReportValve(ObjectMapper mapper, SecurityHeaders securityHeaders) {
        this.mapper = mapper;
        this.securityHeaders = securityHeaders;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            securityHeaders.apply(request.getRequest(), response.getResponse());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(mapper.writeValueAsString(ErrorProblems.forStatus(status)));
                response.finishResponse();
            }
        } catch (Exception e) {
            container.getLogger().debug("Could not write the error report", e);
        }
    }
}
