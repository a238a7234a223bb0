#include "services/ingest/language_id.h"

#include <string>

#include "gtest/gtest.h"

namespace newswire::ingest {
namespace {

TEST(LanguageIdTest, LatinScriptLanguages) {
  EXPECT_EQ(IdentifyLanguage("The council said on Monday that it would "
                             "review the plan for the harbor."),
            "en");
  EXPECT_EQ(IdentifyLanguage("Die Regierung hat am Montag mitgeteilt, dass "
                             "sie den Plan für den Hafen prüfen wird."),
            "de");
  EXPECT_EQ(IdentifyLanguage("Le conseil a annoncé lundi qu'il allait "
                             "examiner le projet pour le port de la ville."),
            "fr");
  EXPECT_EQ(IdentifyLanguage("El consejo dijo el lunes que revisará el plan "
                             "para el puerto de la ciudad con los vecinos."),
            "es");
  EXPECT_EQ(
      IdentifyLanguage("Il consiglio ha detto lunedì che esaminerà il "
                       "piano per il porto della città con gli abitanti."),
      "it");
  EXPECT_EQ(IdentifyLanguage("O conselho disse na segunda-feira que vai "
                             "analisar o plano para o porto da cidade com os "
                             "moradores."),
            "pt");
  EXPECT_EQ(IdentifyLanguage("De gemeenteraad heeft maandag gezegd dat het "
                             "plan voor de haven wordt bekeken door een "
                             "commissie."),
            "nl");
  EXPECT_EQ(IdentifyLanguage("Rådet sade på måndagen att det kommer att "
                             "granska planen för hamnen och att den inte är "
                             "klar."),
            "sv");
}

TEST(LanguageIdTest, OtherScripts) {
  EXPECT_EQ(IdentifyLanguage("Совет заявил в понедельник, что рассмотрит "
                             "план для порта."),
            "ru");
  EXPECT_EQ(IdentifyLanguage("Рада заявила у понеділок, що розгляне план "
                             "для порту і міста."),
            "uk");
  EXPECT_EQ(IdentifyLanguage("Το συμβούλιο δήλωσε τη Δευτέρα ότι θα "
                             "εξετάσει το σχέδιο."),
            "el");
  EXPECT_EQ(IdentifyLanguage("قال المجلس يوم الاثنين إنه سيراجع خطة الميناء"),
            "ar");
  EXPECT_EQ(IdentifyLanguage("市议会星期一表示将审查港口计划的所有细节"), "zh");
  EXPECT_EQ(IdentifyLanguage("市議会は月曜日に港の計画を見直すと述べました"),
            "ja");
  EXPECT_EQ(IdentifyLanguage("시의회는 월요일 항구 계획을 검토하겠다고 밝혔다"),
            "ko");
}

TEST(LanguageIdTest, TooLittleEvidenceIsUndetermined) {
  EXPECT_EQ(IdentifyLanguage(""), "und");
  EXPECT_EQ(IdentifyLanguage("12345 !!!"), "und");
  EXPECT_EQ(IdentifyLanguage("Xylophone quartz"), "und");
}

TEST(LanguageIdTest, LooksOnlyAtThePrefix) {
  std::string text = "The mayor said that the plan is on the way. ";
  while (text.size() < 3 * kLanguageIdPrefixBytes) {
    text += "Der Bürgermeister sagte, dass der Plan auf dem Weg ist. ";
  }
  EXPECT_EQ(IdentifyLanguage(text), "de");  // German dominates the prefix
  std::string english(kLanguageIdPrefixBytes, ' ');
  english.replace(0, 44, "The mayor said that the plan is on the way. ");
  EXPECT_EQ(IdentifyLanguage(english + "Der die und das von zu mit sich."),
            "en");
}

}  // namespace
}  // namespace newswire::ingest
