package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.web.validation.NoInvisibleCharacters;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Keeps the bidi/invisible-character rule from being forgotten: every String a request body of the shop or admin API
 * can carry (record components, list elements, map keys and values, in nested records too) must be annotated
 * {@link NoInvisibleCharacters}. A new field without it fails here, naming the field.
 */
class RequestTextFieldsTest {

    private static final List<String> AUDIENCES = List.of("io.orderengine.api.shop", "io.orderengine.api.admin");

    @Test
    void everyStringInAShopOrAdminRequestBodyRefusesInvisibleCharacters() throws Exception {
        Set<Class<?>> bodies = new LinkedHashSet<>();
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(RestController.class));
        for (String audience : AUDIENCES) {
            for (BeanDefinition controller : scanner.findCandidateComponents(audience)) {
                for (Method method :
                        Class.forName(controller.getBeanClassName()).getDeclaredMethods()) {
                    for (Parameter parameter : method.getParameters()) {
                        if (parameter.isAnnotationPresent(RequestBody.class)) {
                            bodies.add(parameter.getType());
                        }
                    }
                }
            }
        }
        assertThat(bodies)
                .as("request bodies found")
                .extracting(Class::getSimpleName)
                .contains("CheckoutRequest", "RegisterSkuRequest", "RegisterRequest", "NoteRequest", "CancelRequest");

        List<String> unguarded = new ArrayList<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        for (Class<?> body : bodies) {
            walk(body, body.getSimpleName(), unguarded, seen);
        }
        assertThat(unguarded).as("String fields without @NoInvisibleCharacters").isEmpty();
    }

    private static void walk(Class<?> type, String path, List<String> unguarded, Set<Class<?>> seen) {
        if (!type.isRecord() || !seen.add(type)) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            check(component.getAnnotatedType(), path + "." + component.getName(), unguarded, seen);
        }
    }

    private static void check(AnnotatedType type, String path, List<String> unguarded, Set<Class<?>> seen) {
        if (type.getType() == String.class) {
            if (!type.isAnnotationPresent(NoInvisibleCharacters.class)) {
                unguarded.add(path);
            }
        } else if (type instanceof AnnotatedParameterizedType parameterized) {
            AnnotatedType[] arguments = parameterized.getAnnotatedActualTypeArguments();
            for (int i = 0; i < arguments.length; i++) {
                check(arguments[i], path + "<" + i + ">", unguarded, seen);
            }
        } else if (type.getType() instanceof Class<?> nested) {
            walk(nested, path, unguarded, seen);
        }
    }
}
