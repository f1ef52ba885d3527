/* test-jcs.c: RFC 8785 canonicalisation against the RFC's own examples
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "pd-jcs.h"

static char *
canonical (const char *json)
{
  g_autoptr(GError) error = NULL;
  char *out = pd_jcs_canonicalize_text (json, strlen (json), &error);

  g_assert_no_error (error);
  return out;
}

/* RFC 8785 §3.2.2: the example with numbers, a string of escapes and literals. */
static void
test_rfc_main_example (void)
{
  const char *input =
    "{\n"
    "  \"numbers\": [333333333.33333329, 1E30, 4.50,\n"
    "              2e-3, 0.000000000000000000000000001],\n"
    "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
    "  \"literals\": [null, true, false]\n"
    "}";
  const char *expected =
    "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
    "\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
  g_autofree char *out = canonical (input);

  g_assert_cmpstr (out, ==, expected);
}

/* RFC 8785 §3.2.3: member names sort by UTF-16 code units. */
static void
test_rfc_sorting (void)
{
  const char *input =
    "{\n"
    "  \"\\u20ac\": \"Euro Sign\",\n"
    "  \"\\r\": \"Carriage Return\",\n"
    "  \"\\ufb33\": \"Hebrew Letter Dalet With Dagesh\",\n"
    "  \"1\": \"One\",\n"
    "  \"\\ud83d\\ude00\": \"Emoji: Grinning Face\",\n"
    "  \"\\u0080\": \"Control\",\n"
    "  \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"\n"
    "}";
  const char *expected =
    "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\","
    "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\",\"\xe2\x82\xac\":\"Euro Sign\","
    "\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\","
    "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}";
  g_autofree char *out = canonical (input);

  g_assert_cmpstr (out, ==, expected);
}

/* RFC 8785 Appendix B: IEEE 754 bit patterns and their ECMAScript form. */
static void
test_rfc_numbers (void)
{
  static const struct { guint64 bits; const char *text; } cases[] = {
    { 0x0000000000000000, "0" },
    { 0x8000000000000000, "0" },
    { 0x0000000000000001, "5e-324" },
    { 0x8000000000000001, "-5e-324" },
    { 0x7fefffffffffffff, "1.7976931348623157e+308" },
    { 0xffefffffffffffff, "-1.7976931348623157e+308" },
    { 0x4340000000000000, "9007199254740992" },
    { 0xc340000000000000, "-9007199254740992" },
    { 0x4430000000000000, "295147905179352830000" },
    { 0x44b52d02c7e14af5, "9.999999999999997e+22" },
    { 0x44b52d02c7e14af6, "1e+23" },
    { 0x44b52d02c7e14af7, "1.0000000000000001e+23" },
    { 0x444b1ae4d6e2ef4e, "999999999999999700000" },
    { 0x444b1ae4d6e2ef4f, "999999999999999900000" },
    { 0x444b1ae4d6e2ef50, "1e+21" },
    { 0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7" },
    { 0x3eb0c6f7a0b5ed8d, "0.000001" },
    { 0x41b3de4355555553, "333333333.3333332" },
    { 0x41b3de4355555554, "333333333.33333325" },
    { 0x41b3de4355555555, "333333333.3333333" },
    { 0x41b3de4355555556, "333333333.3333334" },
    { 0x41b3de4355555557, "333333333.33333343" },
    { 0xbecbf647612f3696, "-0.0000033333333333333333" },
    { 0x43143ff3c1cb0959, "1424953923781206.2" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double value;
      g_autofree char *text = NULL;
      g_autofree char *array = NULL;
      g_autofree char *again = NULL;

      memcpy (&value, &cases[i].bits, sizeof value);
      text = pd_jcs_format_number (value);
      g_assert_cmpstr (text, ==, cases[i].text);

      /* The text parses back to the same canonical form. */
      array = g_strdup_printf ("[%s]", text);
      again = canonical (array);
      g_assert_cmpstr (again, ==, array);
    }
}

static void
test_non_finite_numbers_are_refused (void)
{
  guint64 nan_bits = 0x7fffffffffffffff, inf_bits = 0x7ff0000000000000;
  double nan_value, inf_value;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  memcpy (&nan_value, &nan_bits, sizeof nan_value);
  memcpy (&inf_value, &inf_bits, sizeof inf_value);
  g_assert_null (pd_jcs_format_number (nan_value));
  g_assert_null (pd_jcs_format_number (inf_value));

  out = pd_jcs_canonicalize_text ("[1e999]", 7, &error);
  g_assert_error (error, PD_JCS_ERROR, PD_JCS_ERROR_NUMBER);
  g_assert_null (out);
}

/* RFC 8785 §3.1: I-JSON, so duplicates, lone surrogates and bad UTF-8 are errors. */
static void
test_invalid_input_is_refused (void)
{
  static const struct { const char *text; gsize len; int code; } cases[] = {
    { "{\"a\":1,\"a\":2}", 13, PD_JCS_ERROR_DUPLICATE_KEY },
    { "[\"\\ud800\"]", 10, PD_JCS_ERROR_ENCODING },
    { "[\"\\udc00\"]", 10, PD_JCS_ERROR_ENCODING },
    { "[\"\\u0000\"]", 10, PD_JCS_ERROR_ENCODING },
    { "[\"a\0b\"]", 7, PD_JCS_ERROR_ENCODING },
    { "[\"\xc3\x28\"]", 6, PD_JCS_ERROR_ENCODING },
    { "[01]", 4, PD_JCS_ERROR_SYNTAX },
    { "[1,]", 4, PD_JCS_ERROR_SYNTAX },
    { "{\"a\" 1}", 7, PD_JCS_ERROR_SYNTAX },
    { "[1] x", 5, PD_JCS_ERROR_SYNTAX },
    { "[\"\t\"]", 5, PD_JCS_ERROR_SYNTAX },
    { "", 0, PD_JCS_ERROR_SYNTAX },
    { "[.5]", 4, PD_JCS_ERROR_SYNTAX },
    { "[1.]", 4, PD_JCS_ERROR_SYNTAX },
    { "[tru]", 5, PD_JCS_ERROR_SYNTAX },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = pd_jcs_canonicalize_text (cases[i].text, cases[i].len, &error);

      g_assert_null (out);
      g_assert_error (error, PD_JCS_ERROR, cases[i].code);
    }
}

static void
test_deep_nesting_is_refused (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (text, '[');
  node = pd_jcs_parse (text->str, text->len, 64, &error);
  g_assert_null (node);
  g_assert_error (error, PD_JCS_ERROR, PD_JCS_ERROR_TOO_DEEP);
}

static void
test_nodes_built_in_code_canonicalise (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "b");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "a");
  json_builder_add_string_value (builder, "x\"y");
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  out = pd_jcs_canonicalize (root, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "{\"a\":\"x\\\"y\",\"b\":1}");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/verify/jcs/rfc8785-main-example", test_rfc_main_example);
  g_test_add_func ("/verify/jcs/rfc8785-sorting-by-utf16", test_rfc_sorting);
  g_test_add_func ("/verify/jcs/rfc8785-number-serialisation", test_rfc_numbers);
  g_test_add_func ("/verify/jcs/non-finite-numbers-are-refused", test_non_finite_numbers_are_refused);
  g_test_add_func ("/verify/jcs/invalid-input-is-refused", test_invalid_input_is_refused);
  g_test_add_func ("/verify/jcs/deep-nesting-is-refused", test_deep_nesting_is_refused);
  g_test_add_func ("/verify/jcs/nodes-built-in-code-canonicalise", test_nodes_built_in_code_canonicalise);

  return g_test_run ();
}
