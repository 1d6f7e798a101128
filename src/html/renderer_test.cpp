#include "html/renderer.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

namespace ngoaivu::html {
namespace {

// A templates folder with a layout, one fragment and a one-key catalog.
class RendererTest : public ::testing::Test {
 protected:
    void SetUp() override {
        std::string pattern = (std::filesystem::temp_directory_path() / "ngoaivu-renderer-XXXXXX");
        ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
        dir_ = pattern;
        Write("layout.html", "<main>{{content}}</main>");
        Write("section.html", "{{#v}}shown{{/v}}{{^v}}absent{{/v}}[{{v}}]");
        std::ofstream(dir_ / "catalog.json") << R"({"k": {"vi": "xin chào", "en": "hello"}})";
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    void Write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name) << text;
    }
    std::string Section(const Data& v) {
        Renderer r(dir_, dir_ / "catalog.json");
        Data view;
        view.set("v", v);
        return r.Fragment("section", view, "vi");
    }
    std::filesystem::path dir_;
};

TEST_F(RendererTest, AnEmptyStringIsFalseInSections) {
    EXPECT_EQ(Section(Data(std::string())), "absent[]");
    EXPECT_EQ(Section(Data(std::string("Hà Nội"))), "shown[Hà Nội]");
    EXPECT_EQ(Section(Data(false)), "absent[]");
    EXPECT_EQ(Section(Data(true)), "shown[]");
    EXPECT_EQ(Section(Data(Data::type::list)), "absent[]");
}

TEST_F(RendererTest, VariablesAreEscaped) {
    EXPECT_EQ(Section(Data(std::string("<b>&\""))), "shown[&lt;b&gt;&amp;&quot;]");
}

}  // namespace
}  // namespace ngoaivu::html
