package io.orderengine.infrastructure.privacy;

import io.orderengine.messages.privacy.PersonalData;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON paths of a message record's {@link PersonalData} components, found once per class by reflection: a marked
 * component, or the marked components of a record component that is itself one of our records (e.g. an address),
 * or of the elements of a list of our records (path segment {@value #EACH}).
 * Jackson writes a record component under its own name, so the path is the names of the components.
 */
final class PersonalFields {

    private static final String MESSAGES = "io.orderengine.messages.";
    /** A path segment standing for every element of a list of our records. */
    static final String EACH = "[]";

    private final Map<Class<?>, List<List<String>>> paths = new ConcurrentHashMap<>();

    List<List<String>> of(Class<?> type) {
        return paths.computeIfAbsent(type, PersonalFields::find);
    }

    private static List<List<String>> find(Class<?> type) {
        List<List<String>> found = new ArrayList<>();
        collect(type, List.of(), found, 0);
        return List.copyOf(found);
    }

    private static void collect(Class<?> type, List<String> prefix, List<List<String>> found, int depth) {
        if (!type.isRecord() || depth > 4) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            List<String> path = new ArrayList<>(prefix);
            path.add(component.getName());
            if (component.isAnnotationPresent(PersonalData.class) && component.getType() == String.class) {
                found.add(List.copyOf(path));
            } else if (component.getType().getName().startsWith(MESSAGES)) {
                collect(component.getType(), path, found, depth + 1);
            } else if (List.class.isAssignableFrom(component.getType())
                    && component.getGenericType() instanceof ParameterizedType list
                    && list.getActualTypeArguments()[0] instanceof Class<?> element
                    && element.getName().startsWith(MESSAGES)) {
                path.add(EACH);
                collect(element, path, found, depth + 1);
            }
        }
    }
}
