package io.orderengine.api.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.orderengine.api.engine.ProcessingGroups.Group;
import io.orderengine.api.engine.ProcessingGroups.Replay;
import io.orderengine.api.engine.ProcessingGroups.Start;
import io.orderengine.infrastructure.eventstore.EventStoreProperties;
import io.orderengine.query.projection.RebuildableProjection;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.junit.jupiter.api.Test;

class ProcessingGroupsTest {

    private static final List<JavaClass> ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.orderengine").stream()
                    .toList();

    private final List<Group> table = ProcessingGroups.table(new EventStoreProperties(
            EventStoreProperties.Engine.GLOBAL_SEQUENCE, Duration.ofSeconds(60), 100, 100_000, 250, false));

    @Test
    void listsEveryProcessingGroupTheEngineDeclaresOnce() {
        Set<String> declared = ENGINE.stream()
                .filter(type -> type.isAnnotatedWith(ProcessingGroup.class))
                .map(type -> type.getAnnotationOfType(ProcessingGroup.class).value())
                .collect(Collectors.toSet());

        assertThat(table).extracting(Group::name).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void rebuildsExactlyTheRebuildableProjections() {
        Set<String> rebuildable = ENGINE.stream()
                .filter(type -> !type.isInterface() && type.isAssignableTo(RebuildableProjection.class))
                .filter(type -> type.isAnnotatedWith(ProcessingGroup.class))
                .map(type -> type.getAnnotationOfType(ProcessingGroup.class).value())
                .collect(Collectors.toSet());

        assertThat(table)
                .filteredOn(group -> group.replay() == Replay.REBUILD)
                .extracting(Group::name)
                .containsExactlyInAnyOrderElementsOf(rebuildable);
    }

    @Test
    void sideEffectsStartAtTheHeadAndAreNeverReplayed() {
        assertThat(table)
                .filteredOn(group -> group.start() == Start.HEAD)
                .extracting(Group::name)
                .containsExactlyInAnyOrder("notifications", "webhooks", "business-meters");
        assertThat(table)
                .filteredOn(group -> group.start() == Start.HEAD)
                .allSatisfy(group -> assertThat(group.replay()).isEqualTo(Replay.NEVER));
    }

    @Test
    void theOrderDetailBatchSizeComesFromTheEventStoreSettings() {
        assertThat(table)
                .filteredOn(group -> group.name().equals("order-detail"))
                .singleElement()
                .extracting(Group::batchSize)
                .isEqualTo(250);
    }
}
