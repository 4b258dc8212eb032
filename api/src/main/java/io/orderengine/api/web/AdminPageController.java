package io.orderengine.api.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** {@code /admin} and {@code /admin/} open the admin dashboard page. */
@Controller
class AdminPageController {

    @GetMapping({"/admin", "/admin/"})
    String dashboard() {
        return "forward:/admin/index.html";
    }
}
