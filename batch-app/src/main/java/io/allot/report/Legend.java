package io.allot.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a chart's legend entries go: in rows below the plot and its x-axis label, wrapping at the
 * chart's width, so no entry covers a data point however the data lie.
 */
public final class Legend {
  static final int ROW_HEIGHT = 18;
  private static final int CHAR_WIDTH = 7;
  private static final int SWATCH = 30;
  private static final int GAP = 18;

  private Legend() {}

  /** The top-left corner of one entry's text box. */
  public record Place(int x, int y, int width) {}

  /**
   * @param top the first row's y (below the plot area and the axis label)
   * @param left, right the horizontal bounds entries stay within
   */
  public static List<Place> layout(List<String> names, int left, int right, int top) {
    List<Place> out = new ArrayList<>();
    int x = left;
    int y = top;
    for (String name : names) {
      int w = SWATCH + CHAR_WIDTH * name.length();
      if (x > left && x + w > right) {
        x = left;
        y += ROW_HEIGHT;
      }
      out.add(new Place(x, y, w));
      x += w + GAP;
    }
    return out;
  }

  /** The height the legend rows need (0 without entries). */
  public static int height(List<Place> places, int top) {
    return places.isEmpty() ? 0 : places.get(places.size() - 1).y() - top + ROW_HEIGHT;
  }
}
