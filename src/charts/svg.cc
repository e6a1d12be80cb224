#include "charts/svg.h"

#include <cmath>
#include <cstdio>

namespace ae::charts {

namespace {

// Length of the well-formed UTF-8 sequence starting at text[i], 0 if it is not
// one (overlong forms, surrogates and code points above U+10FFFF included).
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  std::size_t n = 0;
  unsigned min = 0;
  unsigned code = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    n = 2, code = b0 & 0x1F, min = 0x80;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    n = 3, code = b0 & 0x0F, min = 0x800;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    n = 4, code = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  if (i + n > text.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return n;
}

}  // namespace

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
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
        if (static_cast<unsigned char>(c) >= 0x80) {
          // Non-ASCII: copied when it is valid UTF-8, else U+FFFD (an XML
          // parser rejects the whole document over one bad byte).
          const std::size_t n = utf8_length(text, i);
          if (n == 0) {
            out += "\xEF\xBF\xBD";
          } else {
            out.append(text.substr(i, n));
            i += n - 1;
          }
        } else if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') {
          // Control characters other than tab/newline are not allowed in XML 1.0.
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
