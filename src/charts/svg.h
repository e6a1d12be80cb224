// A minimal SVG document writer for the chart renderers: every attribute value
// and text is XML-escaped here, numbers print with at most two decimals, and
// the document always closes (finish()). Internal to the charts layer.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ae::charts {

std::string escape_xml(std::string_view text);

// "12.35" (two decimals, trailing zeros dropped, never "-0").
std::string svg_number(double value);

using Attributes = std::vector<std::pair<std::string, std::string>>;

class SvgWriter {
 public:
  // Opens <svg> with the viewBox of width x height, a white background and a
  // document <title> (the chart title, or "chart").
  SvgWriter(int width, int height, std::string_view title);

  void open(std::string_view tag, const Attributes& attributes);
  void close(std::string_view tag);
  // <tag attributes/>, or <tag attributes><title>tooltip</title></tag>.
  void element(std::string_view tag, const Attributes& attributes, std::string_view tooltip = {});
  // <text attributes>text</text>.
  void text(const Attributes& attributes, std::string_view text);
  // <title>text</title> inside the currently open element.
  void title(std::string_view text);

  std::string finish();

 private:
  void write_open(std::string_view tag, const Attributes& attributes);

  std::string out_;
};

}  // namespace ae::charts
