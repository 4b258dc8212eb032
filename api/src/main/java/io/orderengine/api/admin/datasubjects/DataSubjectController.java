package io.orderengine.api.admin.datasubjects;

import io.orderengine.api.privacy.DataSubjects;
import io.orderengine.api.security.Caller;
import io.orderengine.api.web.validation.NoInvisibleCharacters;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A data subject's personal data, for admins: {@code POST /api/v1/admin/data-subjects/{subject}/erasure
 * {"reason"}} → 202 (crypto-shredding; repeating it is harmless) and {@code GET .../data} (the export). The subject
 * is a customer's JWT subject or a guest's e-mail ({@link DataSubjects#parse}).
 */
@RestController
class DataSubjectController {

    private final DataSubjects subjects;

    DataSubjectController(DataSubjects subjects) {
        this.subjects = subjects;
    }

    @PostMapping("/api/v1/admin/data-subjects/{subject}/erasure")
    ResponseEntity<DataSubjects.Erasure> erase(
            @PathVariable String subject, @Valid @RequestBody ErasureRequest request, Authentication authentication) {
        Caller caller = Caller.from(authentication);
        return ResponseEntity.accepted()
                .body(subjects.erase(DataSubjects.parse(subject), request.reason(), caller.actor(null)));
    }

    @GetMapping("/api/v1/admin/data-subjects/{subject}/data")
    DataSubjects.PersonalDataExport export(@PathVariable String subject) {
        return subjects.export(DataSubjects.parse(subject), false);
    }

    record ErasureRequest(
            @NoInvisibleCharacters @NotBlank @Size(max = 1000)
            String reason) {}
}
