#include "charts/svg.h"

#include <cmath>
#include <cstdio>

namespace ae::charts {

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        // Control characters other than tab/newline are not allowed in XML 1.0.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string svg_number(double value) {
  if (!std::isfinite(value)) return "0";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (text == "-0") text = "0";
  return text;
}

SvgWriter::SvgWriter(int width, int height, std::string_view title) {
  const std::string w = std::to_string(width);
  const std::string h = std::to_string(height);
  out_ = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"ae-chart\" viewBox=\"0 0 " + w + " " +
         h + "\" width=\"" + w + "\" height=\"" + h +
         "\" font-family=\"sans-serif\" font-size=\"11\">\n";
  out_ += "<title>" + escape_xml(title.empty() ? std::string_view("chart") : title) + "</title>\n";
  out_ += "<rect x=\"0\" y=\"0\" width=\"" + w + "\" height=\"" + h + "\" fill=\"#ffffff\"/>\n";
}

void SvgWriter::write_open(std::string_view tag, const Attributes& attributes) {
  out_ += '<';
  out_ += tag;
  for (const auto& [name, value] : attributes) {
    out_ += ' ';
    out_ += name;
    out_ += "=\"";
    out_ += escape_xml(value);
    out_ += '"';
  }
}

void SvgWriter::open(std::string_view tag, const Attributes& attributes) {
  write_open(tag, attributes);
  out_ += ">\n";
}

void SvgWriter::close(std::string_view tag) {
  out_ += "</";
  out_ += tag;
  out_ += ">\n";
}

void SvgWriter::element(std::string_view tag, const Attributes& attributes,
                        std::string_view tooltip) {
  write_open(tag, attributes);
  if (tooltip.empty()) {
    out_ += "/>\n";
    return;
  }
  out_ += "><title>" + escape_xml(tooltip) + "</title></";
  out_ += tag;
  out_ += ">\n";
}

void SvgWriter::text(const Attributes& attributes, std::string_view text) {
  write_open("text", attributes);
  out_ += '>' + escape_xml(text) + "</text>\n";
}

void SvgWriter::title(std::string_view text) {
  out_ += "<title>" + escape_xml(text) + "</title>\n";
}

std::string SvgWriter::finish() {
  out_ += "</svg>\n";
  return std::move(out_);
}

}  // namespace ae::charts
