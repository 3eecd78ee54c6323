package io.allot.lab.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoutingCsvReaderTest {
  @TempDir Path tmp;

  @Test
  void readsModelsScoresCostsAndMultiLinePrompts() throws IOException {
    Path f = RoutingFixture.write(tmp.resolve("t.csv"), 6, 100, List.of());
    RoutingData d = RoutingCsvReader.read(f, DataFormat.ROUTERBENCH);
    assertThat(d.models()).containsExactly("cheap", "mid", "big");
    assertThat(d.rows()).isEqualTo(6);
    assertThat(d.ids()[0]).isEqualTo("100");
    assertThat(d.texts()[0]).isEqualTo("Compute the integral of x squared,\nthen solve equation number 0");
    assertThat(d.score(1, 0)).isEqualTo(1.0);
    assertThat(d.cost(2, 2)).isEqualTo(0.1);
    assertThat(d.missingCells()).isZero();
  }

  @Test
  void emptyCellsAreCountedAndNaNNeverZero() throws IOException {
    Path f = RoutingFixture.write(tmp.resolve("t.csv"), 6, 0,
        List.of("1:mid", "2:big|total_cost", "2:cheap"));
    RoutingData d = RoutingCsvReader.read(f, DataFormat.ROUTERBENCH);
    assertThat(d.missingCells()).isEqualTo(3);
    assertThat(d.score(1, 1)).isNaN();
    assertThat(d.cost(2, 2)).isNaN();
    assertThat(d.complete(0)).isTrue();
    assertThat(d.complete(1)).isFalse();
    assertThat(d.select(new int[] {0, 2}, "part").missingCells()).isEqualTo(2);
  }

  @Test
  void aMissingScoreColumnIsNamed() throws IOException {
    Path f = tmp.resolve("bad.csv");
    Files.writeString(f, ",sample_id,prompt,cheap,cheap|total_cost,mid|total_cost\n0,a,x,1,0.1,0.2\n");
    assertThatThrownBy(() -> RoutingCsvReader.read(f, DataFormat.ROUTERBENCH))
        .hasMessageContaining("has no column 'mid'");
  }

  @Test
  void aMissingTextColumnIsNamed() throws IOException {
    Path f = tmp.resolve("bad.csv");
    Files.writeString(f, ",query,a,a_cost\n0,x,1,0.1\n");
    assertThatThrownBy(() -> RoutingCsvReader.read(f, DataFormat.OPTLLM))
        .hasMessageContaining("has no column 'content'");
  }

  @Test
  void aBadNumberNamesRowAndColumn() throws IOException {
    Path f = tmp.resolve("bad.csv");
    Files.writeString(f, ",content,a,a_cost\n0,x,yes,0.1\n");
    assertThatThrownBy(() -> RoutingCsvReader.read(f, DataFormat.OPTLLM))
        .hasMessageContaining("row 1 column 'a': 'yes' is not a number");
  }

  @Test
  void anUnknownFormatIsNamed() {
    assertThatThrownBy(() -> DataFormat.parse("helm"))
        .hasMessage("unknown --format 'helm': use routerbench or optllm");
  }
}
