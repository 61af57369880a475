package org.cir4j.world;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cir4j.world.query.CircoAspect;
import org.cir4j.world.query.EditRecord;
import org.cir4j.world.scene.Scene;
import org.cir4j.world.spec.TargetSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every query of the small world, checked against the scenes it was rendered from: the target and
 * extra targets satisfy the (JSON round-tripped) ground-truth predicate, the reference and every near
 * miss do not, the caption states the edit, and the published ground truth is exactly the set of
 * satisfying images of the split.
 */
class WorldQueriesTest {

    @ParameterizedTest
    @EnumSource(Domain.class)
    void targetsSatisfyAndNearMissesViolateTheirSpec(Domain d) throws IOException {
        Map<String, SceneRecord> scenes = SmallWorld.scenes(d);
        List<QueryRecord> queries = SmallWorld.queries(d);
        assertThat(queries).hasSize(60 + 30 + 30);
        for (QueryRecord q : queries) {
            TargetSpec spec = q.targetSpec();
            String where = d + " " + q.split() + "/" + q.id() + " '" + q.caption() + "'";
            assertThat(spec.isSatisfiedBy(scene(scenes, q.target()))).as("target of " + where).isTrue();
            assertThat(spec.isSatisfiedBy(scene(scenes, q.reference()))).as("reference of " + where).isFalse();
            for (String e : q.extraTargets()) {
                assertThat(spec.isSatisfiedBy(scene(scenes, e))).as("extra target " + e + " of " + where).isTrue();
            }
            assertThat(q.nearMisses()).as("near misses of " + where).hasSize(WorldConfig.NEAR_MISSES);
            for (String m : q.nearMisses()) {
                assertThat(spec.isSatisfiedBy(scene(scenes, m))).as("near miss " + m + " of " + where).isFalse();
            }
            for (EditRecord e : q.edits()) {
                for (String word : e.mentions()) {
                    assertThat(q.caption()).as("caption of " + where + " must state " + e.summary()).contains(word);
                }
            }
            assertThat(q.imgSet()).as("img_set of " + where).hasSize(6).doesNotHaveDuplicates()
                    .contains(q.reference(), q.target()).containsAll(q.nearMisses());
            assertThat(q.fashionIqCaptions()).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Domain.class)
    void groundTruthIsEverySatisfyingImageOfTheSplit(Domain d) throws IOException {
        Map<String, SceneRecord> scenes = SmallWorld.scenes(d);
        int multiple = 0;
        for (QueryRecord q : SmallWorld.queries(d)) {
            List<String> expected = new ArrayList<>();
            for (SceneRecord s : scenes.values()) {
                if (s.split() == q.split() && q.targetSpec().isSatisfiedBy(s.scene())) {
                    expected.add(s.name());
                }
            }
            assertThat(q.groundTruth().get(0)).isEqualTo(q.target());
            assertThat(q.groundTruth()).containsExactlyInAnyOrderElementsOf(expected).containsAll(q.extraTargets());
            if (q.groundTruth().size() > 1) {
                multiple++;
            }
        }
        assertThat(multiple).as("queries with several ground truths").isGreaterThan(10);
    }

    @ParameterizedTest
    @EnumSource(Domain.class)
    void everyAspectIsRepresentedAndConjunctionsCarryTheirParts(Domain d) throws IOException {
        Map<CircoAspect, Integer> count = new EnumMap<>(CircoAspect.class);
        for (QueryRecord q : SmallWorld.queries(d)) {
            q.semanticAspects().forEach(a -> count.merge(a, 1, Integer::sum));
            Set<CircoAspect> parts = new HashSet<>();
            q.edits().forEach(e -> parts.add(e.aspect()));
            if (q.semanticAspects().contains(CircoAspect.STATEMENT_WITH_CONJUNCTION)) {
                assertThat(q.edits()).hasSize(2);
                assertThat(q.caption()).matches(".+(,? and |, plus ).+");
            } else {
                assertThat(q.edits()).hasSize(1);
            }
            assertThat(q.semanticAspects()).containsAll(parts);
        }
        assertThat(count.keySet()).containsExactlyInAnyOrder(CircoAspect.values());
    }

    private static Scene scene(Map<String, SceneRecord> scenes, String name) {
        SceneRecord r = scenes.get(name);
        assertThat(r).as("scene of image " + name).isNotNull();
        return r.scene();
    }
}
