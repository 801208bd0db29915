// Built-in entity extractors, as a table of real customer-service phrasings.
// Reference time: 2026-11-23T10:00:00+08:00, a Monday.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <thread>

#include "entity/builtin.h"
#include "text/utf8.h"

using kefu::entity::BuiltinMatch;
using kefu::entity::extract_builtins;
using nlohmann::json;

namespace {

const kefu::entity::ReferenceTime kNow{1795399200, 480};  // 2026-11-23 10:00 +08:00

std::u32string u32(std::string_view s) { return kefu::text::decode_utf8(s, 1 << 20).chars; }

std::string span_of(const std::u32string& text, const BuiltinMatch& m) {
  return kefu::text::to_utf8(std::u32string_view(text).substr(m.begin, m.end - m.begin));
}

std::string dump(const std::u32string& text, const std::vector<BuiltinMatch>& ms) {
  std::string s;
  for (const auto& m : ms) s += m.type + " [" + span_of(text, m) + "] " + m.value.dump() + "\n";
  return s;
}


struct Case {
  const char* text;
  const char* type;
  const char* span;   // expected matched substring; null: no match of `type`
  const char* value;  // expected resolved value (JSON); null: must NOT match `span`
};

// Positive cases: `type` is found exactly at `span` with `value`.
// Negative cases (value null): no `type` match at all, or none exactly at `span`.
const Case kCases[] = {

// ---- phone ----
{"我的手机号是138 1234 5678，明天下午三点前联系我", "phone", "138 1234 5678", R"({"number":"13812345678","country_code":"86","kind":"mobile"})"},
{"手机13812345678", "phone", "13812345678", R"({"number":"13812345678","country_code":"86","kind":"mobile"})"},
{"电话:138-1234-5678", "phone", "138-1234-5678", R"({"number":"13812345678","country_code":"86","kind":"mobile"})"},
{"打+86 139 0000 1111找我", "phone", "+86 139 0000 1111", R"({"number":"13900001111","country_code":"86","kind":"mobile"})"},
{"0086 15912345678", "phone", "0086 15912345678", R"({"number":"15912345678","country_code":"86","kind":"mobile"})"},
{"联系人电话8618612345678", "phone", "8618612345678", R"({"number":"18612345678","country_code":"86","kind":"mobile"})"},
{"收件人：张三 17712345678 北京市", "phone", "17712345678", R"({"number":"17712345678","country_code":"86","kind":"mobile"})"},
{"座机010-12345678", "phone", "010-12345678", R"({"number":"01012345678","country_code":"86","kind":"landline","area_code":"010"})"},
{"深圳门店电话0755-1234567", "phone", "0755-1234567", R"({"number":"07551234567","country_code":"86","kind":"landline","area_code":"0755"})"},
{"上海客服(021)12345678", "phone", "(021)12345678", R"({"number":"02112345678","country_code":"86","kind":"landline","area_code":"021"})"},
{"call me at 138 1234 5678 please", "phone", "138 1234 5678", R"({"number":"13812345678","country_code":"86","kind":"mobile"})"},
{"my number is +86-13812345678", "phone", "+86-13812345678", R"({"number":"13812345678","country_code":"86","kind":"mobile"})"},
{"you can reach me on 1381234 5678", "phone", "1381234 5678", R"({"number":"13812345678","country_code":"86","kind":"mobile"})"},
{"office line 020 87654321", "phone", "020 87654321", R"({"number":"02087654321","country_code":"86","kind":"landline","area_code":"020"})"},
{"text 19912345678 when it ships", "phone", "19912345678", R"({"number":"19912345678","country_code":"86","kind":"mobile"})"},
// ---- email / url ----
{"我的邮箱是zhang.san@example.com，发票发这里", "email", "zhang.san@example.com", R"({"email":"zhang.san@example.com"})"},
{"邮箱 kefu_01@shop.com.cn", "email", "kefu_01@shop.com.cn", R"({"email":"kefu_01@shop.com.cn"})"},
{"please email me at john.doe+orders@gmail.com.", "email", "john.doe+orders@gmail.com", R"({"email":"john.doe+orders@gmail.com"})"},
{"send the invoice to billing@acme-corp.io thanks", "email", "billing@acme-corp.io", R"({"email":"billing@acme-corp.io"})"},
{"链接https://shop.example.com/item?id=123打不开", "url", "https://shop.example.com/item?id=123", R"({"url":"https://shop.example.com/item?id=123"})"},
{"官网是www.example.com。", "url", "www.example.com", R"({"url":"www.example.com"})"},
{"the page http://example.org/help/returns is broken", "url", "http://example.org/help/returns", R"({"url":"http://example.org/help/returns"})"},
{"see https://example.com/faq#refund, it says 7 days", "url", "https://example.com/faq#refund", R"({"url":"https://example.com/faq#refund"})"},
{"go to www.shop.cn/orders to check", "url", "www.shop.cn/orders", R"({"url":"www.shop.cn/orders"})"},
// ---- id_card ----
{"身份证号11010519491231002x", "id_card", "11010519491231002x", R"({"id":"11010519491231002X","birth_date":"1949-12-31","gender":"female","region_code":"110105"})"},
{"我的身份证是44030519900101123x，帮我实名", "id_card", "44030519900101123x", R"({"id":"44030519900101123X","birth_date":"1990-01-01","gender":"male","region_code":"440305"})"},
{"证件号码 310115198511204566", "id_card", "310115198511204566", R"({"id":"310115198511204566","birth_date":"1985-11-20","gender":"female","region_code":"310115"})"},
{"id card 510107200002290010 for the invoice", "id_card", "510107200002290010", R"({"id":"510107200002290010","birth_date":"2000-02-29","gender":"male","region_code":"510107"})"},
{"my id number is 320582197608155624", "id_card", "320582197608155624", R"({"id":"320582197608155624","birth_date":"1976-08-15","gender":"female","region_code":"320582"})"},
// ---- bank_card ----
{"refund $20 to card 4111 1111 1111 1111", "bank_card", "4111 1111 1111 1111", R"({"number":"4111111111111111","valid":true})"},
{"退款到卡号6222021234567890128", "bank_card", "6222021234567890128", R"({"number":"6222021234567890128","valid":true})"},
{"银行卡 6212-2611-0200-1234-569 工商银行", "bank_card", "6212-2611-0200-1234-569", R"({"number":"6212261102001234569","valid":true})"},
{"卡号是6234 5678 9012 3451", "bank_card", "6234 5678 9012 3451", R"({"number":"6234567890123451","valid":true})"},
{"charge my mastercard 5500000000000004", "bank_card", "5500000000000004", R"({"number":"5500000000000004","valid":true})"},
{"use card 6217 0000 1001 2345 677 instead", "bank_card", "6217 0000 1001 2345 677", R"({"number":"6217000010012345677","valid":true})"},
// ---- tracking_number ----
{"顺丰单号sf1234567890123查一下", "tracking_number", "sf1234567890123", R"({"carrier":"SF","carrier_name":"顺丰","number":"SF1234567890123"})"},
{"圆通yt1234567890123到哪了", "tracking_number", "yt1234567890123", R"({"carrier":"YTO","carrier_name":"圆通","number":"YT1234567890123"})"},
{"京东快递jdva12345678901", "tracking_number", "jdva12345678901", R"({"carrier":"JD","carrier_name":"京东","number":"JDVA12345678901"})"},
{"极兔 jt1234567890123 一直没更新", "tracking_number", "jt1234567890123", R"({"carrier":"JT","carrier_name":"极兔","number":"JT1234567890123"})"},
{"where is my parcel sf123456789012", "tracking_number", "sf123456789012", R"({"carrier":"SF","carrier_name":"顺丰","number":"SF123456789012"})"},
{"tracking ea123456789cn has not moved", "tracking_number", "ea123456789cn", R"({"carrier":"EMS","carrier_name":"邮政EMS","number":"EA123456789CN"})"},
{"deppon dpk123456789012 please", "tracking_number", "dpk123456789012", R"({"carrier":"DPK","carrier_name":"德邦","number":"DPK123456789012"})"},
// ---- number ----
{"两千三百零五", "number", "两千三百零五", R"({"value":2305})"},
{"一共三百五十", "number", "三百五十", R"({"value":350})"},
{"买了十二", "number", "十二", R"({"value":12})"},
{"编号一百零八", "number", "一百零八", R"({"value":108})"},
{"大概三点五", "number", "三点五", R"({"value":3.5})"},
{"等了十几", "number", "十几", R"({"value":15,"approximate":true,"min":11,"max":19})"},
{"几百人在排队", "number", "几百", R"({"value":500,"approximate":true,"min":200,"max":900})"},
{"库存还有二十几", "number", "二十几", R"({"value":25,"approximate":true,"min":21,"max":29})"},
{"预算一万五", "number", "一万五", R"({"value":15000})"},
{"销量1,234.5", "number", "1,234.5", R"({"value":1234.5})"},
{"粉丝3.5k", "number", "3.5k", R"({"value":3500})"},
{"播放量2万", "number", "2万", R"({"value":20000})"},
{"融资1.5亿", "number", "1.5亿", R"({"value":150000000})"},
{"两千三", "number", "两千三", R"({"value":2300})"},
{"第一季度营收十万零五百", "number", "十万零五百", R"({"value":100500})"},
{"人数一千零一", "number", "一千零一", R"({"value":1001})"},
{"序号二零二六", "number", "二零二六", R"({"value":2026})"},
{"i want twenty five of these", "number", "twenty five", R"({"value":25})"},
{"a dozen eggs", "number", "a dozen", R"({"value":12})"},
{"about one hundred and five", "number", "one hundred and five", R"({"value":105})"},
{"ninety-nine problems", "number", "ninety-nine", R"({"value":99})"},
{"two thousand five hundred people", "number", "two thousand five hundred", R"({"value":2500})"},
{"order 42 is late", "number", "42", R"({"value":42})"},
{"it costs about 1,299", "number", "1,299", R"({"value":1299})"},
{"rated 4.5 by users", "number", "4.5", R"({"value":4.5})"},
{"we sold 3.5k units", "quantity", "3.5k units", R"({"value":3500,"unit":"unit"})"},
{"seventeen left", "number", "seventeen", R"({"value":17})"},
// ---- ordinal ----
{"第三个", "ordinal", "第三个", R"({"value":3})"},
{"第12", "ordinal", "第12", R"({"value":12})"},
{"我要第二件", "ordinal", "第二件", R"({"value":2})"},
{"第一次买", "ordinal", "第一次", R"({"value":1})"},
{"排在第十五位", "ordinal", "第十五位", R"({"value":15})"},
{"the second one is broken", "ordinal", "second one", R"({"value":2})"},
{"the 3rd item", "ordinal", "3rd", R"({"value":3})"},
{"this is my first order", "ordinal", "first", R"({"value":1})"},
{"the twenty-first floor", "ordinal", "twenty-first", R"({"value":21})"},
{"my 2nd complaint", "ordinal", "2nd", R"({"value":2})"},
{"the fifth time", "ordinal", "fifth", R"({"value":5})"},
// ---- percentage ----
{"优惠15%", "percentage", "15%", R"({"value":0.15})"},
{"百分之十五的折扣", "percentage", "百分之十五", R"({"value":0.15})"},
{"全场八折", "percentage", "八折", R"({"value":0.8,"discount":true})"},
{"会员八五折", "percentage", "八五折", R"({"value":0.85,"discount":true})"},
{"打7.5折", "percentage", "7.5折", R"({"value":0.75,"discount":true})"},
{"百分之百正品", "percentage", "百分之百", R"({"value":1})"},
{"第二件半价", "percentage", "半价", R"({"value":0.5,"discount":true})"},
{"15 percent off", "percentage", "15 percent", R"({"value":0.15})"},
{"a 12.5% restocking fee", "percentage", "12.5%", R"({"value":0.125})"},
{"battery at 80 %", "percentage", "80 %", R"({"value":0.8})"},
{"百分之5", "percentage", "百分之5", R"({"value":0.05})"},
// ---- quantity ----
{"我买了两件", "quantity", "两件", R"({"value":2,"unit":"件"})"},
{"要3个", "quantity", "3个", R"({"value":3,"unit":"个"})"},
{"订了五箱", "quantity", "五箱", R"({"value":5,"unit":"箱"})"},
{"寄2公斤", "quantity", "2公斤", R"({"value":2,"unit":"公斤"})"},
{"十双袜子", "quantity", "十双", R"({"value":10,"unit":"双"})"},
{"再来一瓶", "quantity", "一瓶", R"({"value":1,"unit":"瓶"})"},
{"5 boxes", "quantity", "5 boxes", R"({"value":5,"unit":"box"})"},
{"2 pieces", "quantity", "2 pieces", R"({"value":2,"unit":"piece"})"},
{"i ordered three items", "quantity", "three items", R"({"value":3,"unit":"item"})"},
{"send 10 pcs", "quantity", "10 pcs", R"({"value":10,"unit":"piece"})"},
{"it weighs 5kg", "quantity", "5kg", R"({"value":5,"unit":"kg"})"},
{"two pairs please", "quantity", "two pairs", R"({"value":2,"unit":"pair"})"},
// ---- money ----
{"¥350", "money", "¥350", R"({"amount":350,"currency":"CNY"})"},
{"一共350元", "money", "350元", R"({"amount":350,"currency":"CNY"})"},
{"三百五十块", "money", "三百五十块", R"({"amount":350,"currency":"CNY"})"},
{"预算1.5万元", "money", "1.5万元", R"({"amount":15000,"currency":"CNY"})"},
{"两块五一个", "money", "两块五", R"({"amount":2.5,"currency":"CNY"})"},
{"五毛钱", "money", "五毛钱", R"({"amount":0.5,"currency":"CNY"})"},
{"三块五毛", "money", "三块五毛", R"({"amount":3.5,"currency":"CNY"})"},
{"运费十块钱", "money", "十块钱", R"({"amount":10,"currency":"CNY"})"},
{"退我100港币", "money", "100港币", R"({"amount":100,"currency":"HKD"})"},
{"付了200港元", "money", "200港元", R"({"amount":200,"currency":"HKD"})"},
{"差价50美元", "money", "50美元", R"({"amount":50,"currency":"USD"})"},
{"两千块", "money", "两千块", R"({"amount":2000,"currency":"CNY"})"},
{"¥ 99.9包邮", "money", "¥ 99.9", R"({"amount":99.9,"currency":"CNY"})"},
{"refund $20 to card 4111 1111 1111 1111", "money", "$20", R"({"amount":20,"currency":"USD"})"},
{"it was 20 dollars", "money", "20 dollars", R"({"amount":20,"currency":"USD"})"},
{"only 20 bucks", "money", "20 bucks", R"({"amount":20,"currency":"USD"})"},
{"usd 20 was charged", "money", "usd 20", R"({"amount":20,"currency":"USD"})"},
{"€5 extra", "money", "€5", R"({"amount":5,"currency":"EUR"})"},
{"twenty five dollars", "money", "twenty five dollars", R"({"amount":25,"currency":"USD"})"},
{"charged $1,299.99 twice", "money", "$1,299.99", R"({"amount":1299.99,"currency":"USD"})"},
{"about 300 rmb", "money", "300 rmb", R"({"amount":300,"currency":"CNY"})"},
{"paid 50 euros", "money", "50 euros", R"({"amount":50,"currency":"EUR"})"},
{"£15 shipping", "money", "£15", R"({"amount":15,"currency":"GBP"})"},
{"a hundred dollars", "money", "a hundred dollars", R"({"amount":100,"currency":"USD"})"},
{"99 cents", "money", "99 cents", R"({"amount":0.99,"currency":"USD"})"},
// ---- date ----
{"2026年11月22日", "date", "2026年11月22日", R"({"value":"2026-11-22T00:00:00+08:00","grain":"day"})"},
{"11月22号发货", "date", "11月22号", R"({"value":"2027-11-22T00:00:00+08:00","grain":"day"})"},
{"11月25日能到吗", "date", "11月25日", R"({"value":"2026-11-25T00:00:00+08:00","grain":"day"})"},
{"1月5日之前", "date", "1月5日", R"({"value":"2027-01-05T00:00:00+08:00","grain":"day"})"},
{"十二月一号", "date", "十二月一号", R"({"value":"2026-12-01T00:00:00+08:00","grain":"day"})"},
{"11/22", "date", "11/22", R"({"value":"2027-11-22T00:00:00+08:00","grain":"day"})"},
{"12/25送到", "date", "12/25", R"({"value":"2026-12-25T00:00:00+08:00","grain":"day"})"},
{"2026-11-22", "date", "2026-11-22", R"({"value":"2026-11-22T00:00:00+08:00","grain":"day"})"},
{"下单日期2026/11/20", "date", "2026/11/20", R"({"value":"2026-11-20T00:00:00+08:00","grain":"day"})"},
{"明天", "date", "明天", R"({"value":"2026-11-24T00:00:00+08:00","grain":"day"})"},
{"后天能发货吗", "date", "后天", R"({"value":"2026-11-25T00:00:00+08:00","grain":"day"})"},
{"大后天到", "date", "大后天", R"({"value":"2026-11-26T00:00:00+08:00","grain":"day"})"},
{"昨天下的单", "date", "昨天", R"({"value":"2026-11-22T00:00:00+08:00","grain":"day"})"},
{"今天能到吗", "date", "今天", R"({"value":"2026-11-23T00:00:00+08:00","grain":"day"})"},
{"前天买的", "date", "前天", R"({"value":"2026-11-21T00:00:00+08:00","grain":"day"})"},
{"下周一", "date", "下周一", R"({"value":"2026-11-30T00:00:00+08:00","grain":"day"})"},
{"这周五发货", "date", "这周五", R"({"value":"2026-11-27T00:00:00+08:00","grain":"day"})"},
{"周三来取", "date", "周三", R"({"value":"2026-11-25T00:00:00+08:00","grain":"day"})"},
{"周一", "date", "周一", R"({"value":"2026-11-23T00:00:00+08:00","grain":"day"})"},
{"下个星期二", "date", "下个星期二", R"({"value":"2026-12-01T00:00:00+08:00","grain":"day"})"},
{"上周六买的", "date", "上周六", R"({"value":"2026-11-21T00:00:00+08:00","grain":"day"})"},
{"礼拜天在家", "date", "礼拜天", R"({"value":"2026-11-29T00:00:00+08:00","grain":"day"})"},
{"三天后", "date", "三天后", R"({"value":"2026-11-26T00:00:00+08:00","grain":"day"})"},
{"两周后再说", "date", "两周后", R"({"value":"2026-12-07T00:00:00+08:00","grain":"day"})"},
{"半个月后", "date", "半个月后", R"({"value":"2026-12-08T00:00:00+08:00","grain":"day"})"},
{"一个月以后", "date", "一个月以后", R"({"value":"2026-12-23T00:00:00+08:00","grain":"day"})"},
{"5天前就付款了", "date", "5天前", R"({"value":"2026-11-18T00:00:00+08:00","grain":"day"})"},
{"月底之前", "date", "月底", R"({"value":"2026-11-30T00:00:00+08:00","grain":"day"})"},
{"月初发工资", "date", "月初", R"({"value":"2026-12-01T00:00:00+08:00","grain":"day"})"},
{"年底冲业绩", "date", "年底", R"({"value":"2026-12-31T00:00:00+08:00","grain":"day"})"},
{"下个月", "date", "下个月", R"({"value":"2026-12-01T00:00:00+08:00","grain":"month"})"},
{"上个月买的", "date", "上个月", R"({"value":"2026-10-01T00:00:00+08:00","grain":"month"})"},
{"下个月5号", "date", "下个月5号", R"({"value":"2026-12-05T00:00:00+08:00","grain":"day"})"},
{"下月底", "date", "下月底", R"({"value":"2026-12-31T00:00:00+08:00","grain":"day"})"},
{"明年", "date", "明年", R"({"value":"2027-01-01T00:00:00+08:00","grain":"year"})"},
{"明年3月", "date", "明年3月", R"({"value":"2027-03-01T00:00:00+08:00","grain":"month"})"},
{"12月份", "date", "12月份", R"({"value":"2026-12-01T00:00:00+08:00","grain":"month"})"},
{"25号之前", "date", "25号", R"({"value":"2026-11-25T00:00:00+08:00","grain":"day"})"},
{"22号能退吗", "date", "22号", R"({"value":"2026-12-22T00:00:00+08:00","grain":"day"})"},
{"下周", "date", "下周", R"({"value":"2026-11-30T00:00:00+08:00","grain":"week"})"},
{"二零二六年十一月二十日", "date", "二零二六年十一月二十日", R"({"value":"2026-11-20T00:00:00+08:00","grain":"day"})"},
{"22 nov", "date", "22 nov", R"({"value":"2027-11-22T00:00:00+08:00","grain":"day"})"},
{"november 22nd", "date", "november 22nd", R"({"value":"2027-11-22T00:00:00+08:00","grain":"day"})"},
{"it arrives november 30", "date", "november 30", R"({"value":"2026-11-30T00:00:00+08:00","grain":"day"})"},
{"by dec 5th", "date", "dec 5th", R"({"value":"2026-12-05T00:00:00+08:00","grain":"day"})"},
{"on december 24, 2026", "date", "december 24, 2026", R"({"value":"2026-12-24T00:00:00+08:00","grain":"day"})"},
{"the 3rd of january", "date", "3rd of january", R"({"value":"2027-01-03T00:00:00+08:00","grain":"day"})"},
{"tomorrow", "date", "tomorrow", R"({"value":"2026-11-24T00:00:00+08:00","grain":"day"})"},
{"i ordered it yesterday", "date", "yesterday", R"({"value":"2026-11-22T00:00:00+08:00","grain":"day"})"},
{"can it ship today", "date", "today", R"({"value":"2026-11-23T00:00:00+08:00","grain":"day"})"},
{"the day after tomorrow", "date", "the day after tomorrow", R"({"value":"2026-11-25T00:00:00+08:00","grain":"day"})"},
{"next monday", "date", "next monday", R"({"value":"2026-11-30T00:00:00+08:00","grain":"day"})"},
{"this friday", "date", "this friday", R"({"value":"2026-11-27T00:00:00+08:00","grain":"day"})"},
{"deliver on wednesday", "date", "wednesday", R"({"value":"2026-11-25T00:00:00+08:00","grain":"day"})"},
{"last saturday", "date", "last saturday", R"({"value":"2026-11-21T00:00:00+08:00","grain":"day"})"},
{"in two weeks", "date", "in two weeks", R"({"value":"2026-12-07T00:00:00+08:00","grain":"day"})"},
{"in 3 days", "date", "in 3 days", R"({"value":"2026-11-26T00:00:00+08:00","grain":"day"})"},
{"3 days ago", "date", "3 days ago", R"({"value":"2026-11-20T00:00:00+08:00","grain":"day"})"},
{"two weeks ago", "date", "two weeks ago", R"({"value":"2026-11-09T00:00:00+08:00","grain":"day"})"},
{"in a week", "date", "in a week", R"({"value":"2026-11-30T00:00:00+08:00","grain":"day"})"},
{"10 days later", "date", "10 days later", R"({"value":"2026-12-03T00:00:00+08:00","grain":"day"})"},
{"by the end of the month", "date", "end of the month", R"({"value":"2026-11-30T00:00:00+08:00","grain":"day"})"},
{"end of next month", "date", "end of next month", R"({"value":"2026-12-31T00:00:00+08:00","grain":"day"})"},
{"before the end of the year", "date", "end of the year", R"({"value":"2026-12-31T00:00:00+08:00","grain":"day"})"},
{"next month", "date", "next month", R"({"value":"2026-12-01T00:00:00+08:00","grain":"month"})"},
{"last month", "date", "last month", R"({"value":"2026-10-01T00:00:00+08:00","grain":"month"})"},
{"next year", "date", "next year", R"({"value":"2027-01-01T00:00:00+08:00","grain":"year"})"},
{"next week", "date", "next week", R"({"value":"2026-11-30T00:00:00+08:00","grain":"week"})"},
{"in 2 months", "date", "in 2 months", R"({"value":"2027-01-23T00:00:00+08:00","grain":"day"})"},
// ---- time ----
{"下午三点", "time", "下午三点", R"({"value":"2026-11-23T15:00:00+08:00","grain":"hour"})"},
{"晚上8点半", "time", "晚上8点半", R"({"value":"2026-11-23T20:30:00+08:00","grain":"minute"})"},
{"3点15分", "time", "3点15分", R"({"value":"2026-11-23T15:15:00+08:00","grain":"minute"})"},
{"15:30", "time", "15:30", R"({"value":"2026-11-23T15:30:00+08:00","grain":"minute"})"},
{"上午9点", "time", "上午9点", R"({"value":"2026-11-23T09:00:00+08:00","grain":"hour"})"},
{"早上八点前", "time", "早上八点", R"({"value":"2026-11-23T08:00:00+08:00","grain":"hour"})"},
{"中午12点", "time", "中午12点", R"({"value":"2026-11-23T12:00:00+08:00","grain":"hour"})"},
{"下午两点一刻", "time", "下午两点一刻", R"({"value":"2026-11-23T14:15:00+08:00","grain":"minute"})"},
{"九点整", "time", "九点整", R"({"value":"2026-11-23T09:00:00+08:00","grain":"hour"})"},
{"三点十五", "time", "三点十五", R"({"value":"2026-11-23T15:15:00+08:00","grain":"minute"})"},
{"晚上十点零五分", "time", "晚上十点零五分", R"({"value":"2026-11-23T22:05:00+08:00","grain":"minute"})"},
{"凌晨2点", "time", "凌晨2点", R"({"value":"2026-11-23T02:00:00+08:00","grain":"hour"})"},
{"今晚", "time", "今晚", R"({"value":"2026-11-23T20:00:00+08:00","grain":"hour"})"},
{"3 pm", "time", "3 pm", R"({"value":"2026-11-23T15:00:00+08:00","grain":"hour"})"},
{"call back at 3pm", "time", "3pm", R"({"value":"2026-11-23T15:00:00+08:00","grain":"hour"})"},
{"at 15:30", "time", "15:30", R"({"value":"2026-11-23T15:30:00+08:00","grain":"minute"})"},
{"tonight", "time", "tonight", R"({"value":"2026-11-23T20:00:00+08:00","grain":"hour"})"},
{"before 10:30 am", "time", "10:30 am", R"({"value":"2026-11-23T10:30:00+08:00","grain":"minute"})"},
{"around 9 a.m.", "time", "9 a.m.", R"({"value":"2026-11-23T09:00:00+08:00","grain":"hour"})"},
{"12pm works", "time", "12pm", R"({"value":"2026-11-23T12:00:00+08:00","grain":"hour"})"},
{"12am", "time", "12am", R"({"value":"2026-11-23T00:00:00+08:00","grain":"hour"})"},
{"at noon", "time", "noon", R"({"value":"2026-11-23T12:00:00+08:00","grain":"hour"})"},
{"4 o'clock", "time", "4 o'clock", R"({"value":"2026-11-23T16:00:00+08:00","grain":"hour"})"},
{"call me at 5 please", "time", "5", R"({"value":"2026-11-23T17:00:00+08:00","grain":"hour"})"},
{"this evening", "time", "this evening", R"({"value":"2026-11-23T20:00:00+08:00","grain":"hour"})"},
// ---- datetime ----
{"明天下午三点", "datetime", "明天下午三点", R"({"value":"2026-11-24T15:00:00+08:00","grain":"hour"})"},
{"我的手机号是138 1234 5678，明天下午三点前联系我", "datetime", "明天下午三点", R"({"value":"2026-11-24T15:00:00+08:00","grain":"hour"})"},
{"明天3点", "datetime", "明天3点", R"({"value":"2026-11-24T15:00:00+08:00","grain":"hour"})"},
{"明早8点送到", "datetime", "明早8点", R"({"value":"2026-11-24T08:00:00+08:00","grain":"hour"})"},
{"明晚", "datetime", "明晚", R"({"value":"2026-11-24T20:00:00+08:00","grain":"hour"})"},
{"后天上午十点", "datetime", "后天上午十点", R"({"value":"2026-11-25T10:00:00+08:00","grain":"hour"})"},
{"下周一上午", "datetime", "下周一上午", R"({"value":"2026-11-30T09:00:00+08:00","grain":"hour"})"},
{"周五晚上7点半", "datetime", "周五晚上7点半", R"({"value":"2026-11-27T19:30:00+08:00","grain":"minute"})"},
{"今天下午", "datetime", "今天下午", R"({"value":"2026-11-23T15:00:00+08:00","grain":"hour"})"},
{"11月25日下午2点", "datetime", "11月25日下午2点", R"({"value":"2026-11-25T14:00:00+08:00","grain":"hour"})"},
{"2026-11-25 15:30", "datetime", "2026-11-25 15:30", R"({"value":"2026-11-25T15:30:00+08:00","grain":"minute"})"},
{"明天的10点", "datetime", "明天的10点", R"({"value":"2026-11-24T10:00:00+08:00","grain":"hour"})"},
{"3小时后", "datetime", "3小时后", R"({"value":"2026-11-23T13:00:00+08:00","grain":"hour"})"},
{"半小时后回复你", "datetime", "半小时后", R"({"value":"2026-11-23T10:30:00+08:00","grain":"minute"})"},
{"20分钟之后", "datetime", "20分钟之后", R"({"value":"2026-11-23T10:20:00+08:00","grain":"minute"})"},
{"tomorrow at 3pm", "datetime", "tomorrow at 3pm", R"({"value":"2026-11-24T15:00:00+08:00","grain":"hour"})"},
{"tomorrow morning", "datetime", "tomorrow morning", R"({"value":"2026-11-24T09:00:00+08:00","grain":"hour"})"},
{"monday at 10:30", "datetime", "monday at 10:30", R"({"value":"2026-11-23T10:30:00+08:00","grain":"minute"})"},
{"next friday at 2 pm", "datetime", "next friday at 2 pm", R"({"value":"2026-12-04T14:00:00+08:00","grain":"hour"})"},
{"3pm tomorrow", "datetime", "3pm tomorrow", R"({"value":"2026-11-24T15:00:00+08:00","grain":"hour"})"},
{"in 2 hours", "datetime", "in 2 hours", R"({"value":"2026-11-23T12:00:00+08:00","grain":"hour"})"},
{"in 30 minutes", "datetime", "in 30 minutes", R"({"value":"2026-11-23T10:30:00+08:00","grain":"minute"})"},
{"an hour ago", "datetime", "an hour ago", R"({"value":"2026-11-23T09:00:00+08:00","grain":"hour"})"},
{"tomorrow evening", "datetime", "tomorrow evening", R"({"value":"2026-11-24T20:00:00+08:00","grain":"hour"})"},
{"dec 5th at 9am", "datetime", "dec 5th at 9am", R"({"value":"2026-12-05T09:00:00+08:00","grain":"hour"})"},
// ---- duration ----
{"三天", "duration", "三天", R"({"seconds":259200,"value":3,"unit":"day"})"},
{"等了两个小时", "duration", "两个小时", R"({"seconds":7200,"value":2,"unit":"hour"})"},
{"半小时", "duration", "半小时", R"({"seconds":1800,"value":0.5,"unit":"hour"})"},
{"15分钟", "duration", "15分钟", R"({"seconds":900,"value":15,"unit":"minute"})"},
{"一个半小时", "duration", "一个半小时", R"({"seconds":5400,"value":1.5,"unit":"hour"})"},
{"7天无理由退货", "duration", "7天", R"({"seconds":604800,"value":7,"unit":"day"})"},
{"保修两年", "duration", "两年", R"({"seconds":63072000,"value":2,"unit":"year"})"},
{"3个工作日", "duration", "3个工作日", R"({"seconds":259200,"value":3,"unit":"day"})"},
{"三个月", "duration", "三个月", R"({"seconds":7776000,"value":3,"unit":"month"})"},
{"两周内", "duration", "两周", R"({"seconds":1209600,"value":2,"unit":"week"})"},
{"30秒", "duration", "30秒", R"({"seconds":30,"value":30,"unit":"second"})"},
{"两天半", "duration", "两天半", R"({"seconds":216000,"value":2.5,"unit":"day"})"},
{"2 hours", "duration", "2 hours", R"({"seconds":7200,"value":2,"unit":"hour"})"},
{"3 days", "duration", "3 days", R"({"seconds":259200,"value":3,"unit":"day"})"},
{"within 5 business days", "duration", "5 business days", R"({"seconds":432000,"value":5,"unit":"day"})"},
{"waited half an hour", "duration", "half an hour", R"({"seconds":1800,"value":0.5,"unit":"hour"})"},
{"for a week", "duration", "a week", R"({"seconds":604800,"value":1,"unit":"week"})"},
{"twenty minutes", "duration", "twenty minutes", R"({"seconds":1200,"value":20,"unit":"minute"})"},
{"1.5 hours", "duration", "1.5 hours", R"({"seconds":5400,"value":1.5,"unit":"hour"})"},
{"a 2 year warranty", "duration", "2 year", R"({"seconds":63072000,"value":2,"unit":"year"})"},
{"45 mins", "duration", "45 mins", R"({"seconds":2700,"value":45,"unit":"minute"})"},
// ---- date_range ----
{"这周末", "date_range", "这周末", R"({"from":"2026-11-28T00:00:00+08:00","to":"2026-11-29T00:00:00+08:00","grain":"day"})"},
{"周末有人吗", "date_range", "周末", R"({"from":"2026-11-28T00:00:00+08:00","to":"2026-11-29T00:00:00+08:00","grain":"day"})"},
{"下周末", "date_range", "下周末", R"({"from":"2026-12-05T00:00:00+08:00","to":"2026-12-06T00:00:00+08:00","grain":"day"})"},
{"11月1日到11月3日", "date_range", "11月1日到11月3日", R"({"from":"2027-11-01T00:00:00+08:00","to":"2027-11-03T00:00:00+08:00","grain":"day"})"},
{"12月1日到3日不在家", "date_range", "12月1日到3日", R"({"from":"2026-12-01T00:00:00+08:00","to":"2026-12-03T00:00:00+08:00","grain":"day"})"},
{"周一到周三", "date_range", "周一到周三", R"({"from":"2026-11-23T00:00:00+08:00","to":"2026-11-25T00:00:00+08:00","grain":"day"})"},
{"从明天到后天", "date_range", "从明天到后天", R"({"from":"2026-11-24T00:00:00+08:00","to":"2026-11-25T00:00:00+08:00","grain":"day"})"},
{"2026-12-01至2026-12-05", "date_range", "2026-12-01至2026-12-05", R"({"from":"2026-12-01T00:00:00+08:00","to":"2026-12-05T00:00:00+08:00","grain":"day"})"},
{"from monday to wednesday", "date_range", "from monday to wednesday", R"({"from":"2026-11-23T00:00:00+08:00","to":"2026-11-25T00:00:00+08:00","grain":"day"})"},
{"this weekend", "date_range", "this weekend", R"({"from":"2026-11-28T00:00:00+08:00","to":"2026-11-29T00:00:00+08:00","grain":"day"})"},
{"next weekend", "date_range", "next weekend", R"({"from":"2026-12-05T00:00:00+08:00","to":"2026-12-06T00:00:00+08:00","grain":"day"})"},
{"between dec 1 and dec 3", "date_range", "between dec 1 and dec 3", R"({"from":"2026-12-01T00:00:00+08:00","to":"2026-12-03T00:00:00+08:00","grain":"day"})"},
{"friday to sunday", "date_range", "friday to sunday", R"({"from":"2026-11-27T00:00:00+08:00","to":"2026-11-29T00:00:00+08:00","grain":"day"})"},
{"saturday through monday", "date_range", "saturday through monday", R"({"from":"2026-11-28T00:00:00+08:00","to":"2026-11-30T00:00:00+08:00","grain":"day"})"},
// ---- mixed customer-service sentences ----
{"订单号123456789012的快递明天能到吗", "date", "明天", R"({"value":"2026-11-24T00:00:00+08:00","grain":"day"})"},
{"我要退两件，一共三百五十块", "money", "三百五十块", R"({"amount":350,"currency":"CNY"})"},
{"我要退两件，一共三百五十块", "quantity", "两件", R"({"value":2,"unit":"件"})"},
{"买了3个，每个25元", "money", "25元", R"({"amount":25,"currency":"CNY"})"},
{"买了3个，每个25元", "quantity", "3个", R"({"value":3,"unit":"个"})"},
{"会员价打八折，到手价¥280", "money", "¥280", R"({"amount":280,"currency":"CNY"})"},
{"会员价打八折，到手价¥280", "percentage", "八折", R"({"value":0.8,"discount":true})"},
{"please ship 2 boxes to my office by friday", "quantity", "2 boxes", R"({"value":2,"unit":"box"})"},
{"please ship 2 boxes to my office by friday", "date", "friday", R"({"value":"2026-11-27T00:00:00+08:00","grain":"day"})"},
{"i paid $45.50 on november 20", "money", "$45.50", R"({"amount":45.5,"currency":"USD"})"},
{"i paid $45.50 on november 20", "date", "november 20", R"({"value":"2027-11-20T00:00:00+08:00","grain":"day"})"},
{"已经等了三天了还没发货", "duration", "三天", R"({"seconds":259200,"value":3,"unit":"day"})"},
{"快递员说下午四点左右送到", "time", "下午四点", R"({"value":"2026-11-23T16:00:00+08:00","grain":"hour"})"},
{"麻烦周五之前寄到，电话13912345678", "phone", "13912345678", R"({"number":"13912345678","country_code":"86","kind":"mobile"})"},
{"麻烦周五之前寄到，电话13912345678", "date", "周五", R"({"value":"2026-11-27T00:00:00+08:00","grain":"day"})"},
{"the package was due 2 days ago", "date", "2 days ago", R"({"value":"2026-11-21T00:00:00+08:00","grain":"day"})"},
{"i want a refund of 30% of the price", "percentage", "30%", R"({"value":0.3})"},
{"my order arrived damaged, 3 of 5 cups broken", "quantity", "5 cups", nullptr},
{"can you deliver tomorrow at 3pm to 138 1234 5678", "phone", "138 1234 5678", R"({"number":"13812345678","country_code":"86","kind":"mobile"})"},
{"can you deliver tomorrow at 3pm to 138 1234 5678", "datetime", "tomorrow at 3pm", R"({"value":"2026-11-24T15:00:00+08:00","grain":"hour"})"},
{"发票金额两千三百零五元", "money", "两千三百零五元", R"({"amount":2305,"currency":"CNY"})"},
{"第二个包裹什么时候到", "ordinal", "第二个", R"({"value":2})"},
{"优惠券满200减30", "number", "200", R"({"value":200})"},
{"iphone 15 pro 256g 多少钱", "number", "15", R"({"value":15})"},
{"reply within 24 hours", "duration", "24 hours", R"({"seconds":86400,"value":24,"unit":"hour"})"},

{"能不能下下周一发货", "date", "下下周一", R"({"value":"2026-12-07T00:00:00+08:00","grain":"day"})"},
{"this afternoon at 2", "datetime", "this afternoon at 2", R"({"value":"2026-11-23T14:00:00+08:00","grain":"hour"})"},
{"3月15日到20日", "date_range", "3月15日到20日", R"({"from":"2027-03-15T00:00:00+08:00","to":"2027-03-20T00:00:00+08:00","grain":"day"})"},
{"12月1号到5号都可以", "date_range", "12月1号到5号", R"({"from":"2026-12-01T00:00:00+08:00","to":"2026-12-05T00:00:00+08:00","grain":"day"})"},
{"from dec 1 to dec 3", "date_range", "from dec 1 to dec 3", R"({"from":"2026-12-01T00:00:00+08:00","to":"2026-12-03T00:00:00+08:00","grain":"day"})"},
{"call 400-820-8820", "phone", "400-820-8820", R"({"number":"4008208820","country_code":"86","kind":"service"})"},
{"客服电话4008208820", "phone", "4008208820", R"({"number":"4008208820","country_code":"86","kind":"service"})"},
{"我的电话是0571-88886666", "phone", "0571-88886666", R"({"number":"057188886666","country_code":"86","kind":"landline","area_code":"0571"})"},
{"hi, i ordered a jacket on nov 20 and it still hasn't shipped", "date", "nov 20", R"({"value":"2027-11-20T00:00:00+08:00","grain":"day"})"},
{"the delivery guy said it would come at 6:30 pm", "time", "6:30 pm", R"({"value":"2026-11-23T18:30:00+08:00","grain":"minute"})"},
{"order placed 2 weeks ago", "date", "2 weeks ago", R"({"value":"2026-11-09T00:00:00+08:00","grain":"day"})"},
{"it was supposed to arrive last friday", "date", "last friday", R"({"value":"2026-11-20T00:00:00+08:00","grain":"day"})"},
{"i bought 2 shirts for 40 dollars", "money", "40 dollars", R"({"amount":40,"currency":"USD"})"},
{"i bought 2 shirts for 40 dollars", "quantity", "2 shirts", R"({"value":2,"unit":"shirt"})"},
{"ship it on the 5th", "date", "the 5th", R"({"value":"2026-12-05T00:00:00+08:00","grain":"day"})"},
{"deliver by the 25th please", "date", "the 25th", R"({"value":"2026-11-25T00:00:00+08:00","grain":"day"})"},
{"can you hold it until dec 10", "date", "dec 10", R"({"value":"2026-12-10T00:00:00+08:00","grain":"day"})"},
{"sale ends sunday", "date", "sunday", R"({"value":"2026-11-29T00:00:00+08:00","grain":"day"})"},
{"麻烦帮我改到后天下午", "datetime", "后天下午", R"({"value":"2026-11-25T15:00:00+08:00","grain":"hour"})"},
{"我想把收货时间改成下周六", "date", "下周六", R"({"value":"2026-12-05T00:00:00+08:00","grain":"day"})"},
{"上次买了5盒，这次买10盒", "quantity", "10盒", R"({"value":10,"unit":"盒"})"},
{"这个手机壳多少钱？39元吗", "money", "39元", R"({"amount":39,"currency":"CNY"})"},
{"亲，包裹预计3到5天送达", "duration", "5天", R"({"seconds":432000,"value":5,"unit":"day"})"},
{"下单后48小时内发货", "duration", "48小时", R"({"seconds":172800,"value":48,"unit":"hour"})"},
{"会员打九五折", "percentage", "九五折", R"({"value":0.95,"discount":true})"},
{"一共三件，合计¥128.5", "money", "¥128.5", R"({"amount":128.5,"currency":"CNY"})"},
{"一共是三十八块五", "money", "三十八块五", R"({"amount":38.5,"currency":"CNY"})"},
{"总共是一千二百元整", "money", "一千二百元", R"({"amount":1200,"currency":"CNY"})"},
{"星期五下午5点之前", "datetime", "星期五下午5点", R"({"value":"2026-11-27T17:00:00+08:00","grain":"hour"})"},
{"这周六上午十点", "datetime", "这周六上午十点", R"({"value":"2026-11-28T10:00:00+08:00","grain":"hour"})"},
{"下周三下午两点半", "datetime", "下周三下午两点半", R"({"value":"2026-12-02T14:30:00+08:00","grain":"minute"})"},
{"快递什么时候到，已经一个星期了", "duration", "一个星期", R"({"seconds":604800,"value":1,"unit":"week"})"},
{"我昨晚下的单", "datetime", "昨晚", R"({"value":"2026-11-22T20:00:00+08:00","grain":"hour"})"},
{"保质期18个月", "duration", "18个月", R"({"seconds":46656000,"value":18,"unit":"month"})"},
{"优惠价199.9元", "money", "199.9元", R"({"amount":199.9,"currency":"CNY"})"},
{"十一点半", "time", "十一点半", R"({"value":"2026-11-23T11:30:00+08:00","grain":"minute"})"},
{"五点一刻", "time", "五点一刻", R"({"value":"2026-11-23T17:15:00+08:00","grain":"minute"})"},
{"三月十五号", "date", "三月十五号", R"({"value":"2027-03-15T00:00:00+08:00","grain":"day"})"},
{"2026年3月", "date", "2026年3月", R"({"value":"2026-03-01T00:00:00+08:00","grain":"month"})"},
{"today at 5", "datetime", "today at 5", R"({"value":"2026-11-23T17:00:00+08:00","grain":"hour"})"},
{"by 5pm today", "datetime", "5pm today", R"({"value":"2026-11-23T17:00:00+08:00","grain":"hour"})"},
{"two hundred bucks", "money", "two hundred bucks", R"({"amount":200,"currency":"USD"})"},
{"rmb 300", "money", "rmb 300", R"({"amount":300,"currency":"CNY"})"},
{"50% off everything", "percentage", "50%", R"({"value":0.5})"},
{"二十四小时客服", "duration", "二十四小时", R"({"seconds":86400,"value":24,"unit":"hour"})"},
{"the 2nd package", "ordinal", "2nd", R"({"value":2})"},
{"order #123456 placed on 11/20", "date", "11/20", R"({"value":"2027-11-20T00:00:00+08:00","grain":"day"})"},
{"i need the package before thursday", "date", "thursday", R"({"value":"2026-11-26T00:00:00+08:00","grain":"day"})"},
{"can you deliver on saturday morning", "datetime", "saturday morning", R"({"value":"2026-11-28T09:00:00+08:00","grain":"hour"})"},
{"send it next wednesday afternoon", "datetime", "next wednesday afternoon", R"({"value":"2026-12-02T15:00:00+08:00","grain":"hour"})"},
{"we'll call you in 15 minutes", "datetime", "in 15 minutes", R"({"value":"2026-11-23T10:15:00+08:00","grain":"minute"})"},
{"your refund will take 7 to 10 business days", "duration", "10 business days", R"({"seconds":864000,"value":10,"unit":"day"})"},
{"please give me 10% off", "percentage", "10%", R"({"value":0.1})"},
{"is there a 20 percent discount", "percentage", "20 percent", R"({"value":0.2})"},
{"i want to return 3 pairs", "quantity", "3 pairs", R"({"value":3,"unit":"pair"})"},
{"the invoice says eur 45", "money", "eur 45", R"({"amount":45,"currency":"EUR"})"},
{"my new number is 139-0000-1111", "phone", "139-0000-1111", R"({"number":"13900001111","country_code":"86","kind":"mobile"})"},
{"email me at support@kefu.ai", "email", "support@kefu.ai", R"({"email":"support@kefu.ai"})"},
{"i was charged $99 instead of $79", "money", "$79", R"({"amount":79,"currency":"USD"})"},
{"the order from october 3rd", "date", "october 3rd", R"({"value":"2027-10-03T00:00:00+08:00","grain":"day"})"},
{"ship before december 1st", "date", "december 1st", R"({"value":"2026-12-01T00:00:00+08:00","grain":"day"})"},
{"how about 8:45?", "time", "8:45", R"({"value":"2026-11-23T08:45:00+08:00","grain":"minute"})"},
{"meet at 10 am tomorrow", "datetime", "10 am tomorrow", R"({"value":"2026-11-24T10:00:00+08:00","grain":"hour"})"},
{"i'll wait until 6 pm", "time", "6 pm", R"({"value":"2026-11-23T18:00:00+08:00","grain":"hour"})"},
{"he came at midnight", "time", "midnight", R"({"value":"2026-11-23T00:00:00+08:00","grain":"hour"})"},
{"it's my fourth request", "ordinal", "fourth", R"({"value":4})"},
{"give me the third one", "ordinal", "third one", R"({"value":3})"},
{"i bought eleven items", "quantity", "eleven items", R"({"value":11,"unit":"item"})"},
{"charged one hundred and twenty dollars", "money", "one hundred and twenty dollars", R"({"amount":120,"currency":"USD"})"},
{"three hours", "duration", "three hours", R"({"seconds":10800,"value":3,"unit":"hour"})"},
{"back in an hour", "datetime", "in an hour", R"({"value":"2026-11-23T11:00:00+08:00","grain":"hour"})"},
{"twelve dozen", "number", "twelve dozen", R"({"value":144})"},
{"the 1st of december", "date", "1st of december", R"({"value":"2026-12-01T00:00:00+08:00","grain":"day"})"},
{"within two business days", "duration", "two business days", R"({"seconds":172800,"value":2,"unit":"day"})"},
{"around 3:15 pm today", "datetime", "3:15 pm today", R"({"value":"2026-11-23T15:15:00+08:00","grain":"minute"})"},
{"我要退款一百二十八块", "money", "一百二十八块", R"({"amount":128,"currency":"CNY"})"},
{"这单运费八块八", "money", "八块八", R"({"amount":8.8,"currency":"CNY"})"},
{"帮我改成晚上七点以后送", "time", "晚上七点", R"({"value":"2026-11-23T19:00:00+08:00","grain":"hour"})"},
{"中午十二点半", "time", "中午十二点半", R"({"value":"2026-11-23T12:30:00+08:00","grain":"minute"})"},
{"下午五点半到六点之间", "time", "六点", R"({"value":"2026-11-23T18:00:00+08:00","grain":"hour"})"},
{"快递说周四下午能到", "datetime", "周四下午", R"({"value":"2026-11-26T15:00:00+08:00","grain":"hour"})"},
{"后天早上九点半", "datetime", "后天早上九点半", R"({"value":"2026-11-25T09:30:00+08:00","grain":"minute"})"},
{"最晚下周二", "date", "下周二", R"({"value":"2026-12-01T00:00:00+08:00","grain":"day"})"},
{"一周内发货", "duration", "一周", R"({"seconds":604800,"value":1,"unit":"week"})"},
{"两个星期前", "date", "两个星期前", R"({"value":"2026-11-09T00:00:00+08:00","grain":"day"})"},
{"麻烦11点以后再打电话", "time", "11点", R"({"value":"2026-11-23T11:00:00+08:00","grain":"hour"})"},
{"晚上11点", "time", "晚上11点", R"({"value":"2026-11-23T23:00:00+08:00","grain":"hour"})"},
{"凌晨三点", "time", "凌晨三点", R"({"value":"2026-11-23T03:00:00+08:00","grain":"hour"})"},
{"我是1990年出生的", "date", "1990年", R"({"value":"1990-01-01T00:00:00+08:00","grain":"year"})"},
{"请在2026年12月31日前完成", "date", "2026年12月31日", R"({"value":"2026-12-31T00:00:00+08:00","grain":"day"})"},
{"六一八活动", "number", "六一八", R"({"value":618})"},
// ---- must NOT match ----
{"订单1234567890123456789", "number", nullptr, nullptr},
{"订单1234567890123456789", "bank_card", nullptr, nullptr},
{"i was charged $99 instead of $79", "number", nullptr, nullptr},
{"how about 8:45?", "number", nullptr, nullptr},
{"good morning", "time", nullptr, nullptr},
{"in the morning i was out", "datetime", nullptr, nullptr},
{"我的订单号是2026112312345678", "phone", nullptr, nullptr},
{"我的订单号是2026112312345678", "number", nullptr, nullptr},
{"身份证号：110105194912310021", "id_card", nullptr, nullptr},
{"order #123456 placed on 11/20", "phone", nullptr, nullptr},
{"my card ending 1234 was charged", "bank_card", nullptr, nullptr},
{"the 2nd package", "date", nullptr, nullptr},
{"3 x 2 = 6", "time", nullptr, nullptr},
{"3 x 2 = 6", "date", nullptr, nullptr},
{"每满100减20", "money", nullptr, nullptr},
{"iphone15 pro max", "number", nullptr, nullptr},
{"型号x200", "number", nullptr, nullptr},
{"尺码xl", "quantity", nullptr, nullptr},
{"it's been two weeks and nothing", "date", nullptr, nullptr},
{"i have a question about my order", "number", nullptr, nullptr},
{"the second hand market", "ordinal", nullptr, nullptr},

{"订单号123456789012", "phone", nullptr, nullptr},
{"订单号202611231381234567", "phone", nullptr, nullptr},
{"order 138123456789 shipped", "phone", nullptr, nullptr},
{"型号a13812345678", "phone", nullptr, nullptr},
{"code 13812345678x", "phone", nullptr, nullptr},
{"12812345678", "phone", nullptr, nullptr},
{"1381234567", "phone", nullptr, nullptr},
{"身份证110105194912310021", "id_card", nullptr, nullptr},
{"证件44030519901301123x", "id_card", nullptr, nullptr},
{"身份证110105199002301231", "id_card", nullptr, nullptr},
{"id 110105189912311237", "id_card", nullptr, nullptr},
{"id 1101051949123100", "id_card", nullptr, nullptr},
{"订单号110105194912310021", "id_card", nullptr, nullptr},
{"card 4111 1111 1111 1112", "bank_card", nullptr, nullptr},
{"卡号6222021234567890127", "bank_card", nullptr, nullptr},
{"4111 11111 1111 1111", "bank_card", nullptr, nullptr},
{"订单号202611231234", "bank_card", nullptr, nullptr},
{"iphone 2026款", "date", nullptr, nullptr},
{"iphone 2026款", "datetime", nullptr, nullptr},
{"我有3个问题", "date", nullptr, nullptr},
{"我有3个问题", "time", nullptr, nullptr},
{"5g网络", "quantity", nullptr, nullptr},
{"5g网络", "money", nullptr, nullptr},
{"5g网络", "number", nullptr, nullptr},
{"5g网络", "date", nullptr, nullptr},
{"支持5g吗", "duration", nullptr, nullptr},
{"便宜一点", "time", nullptr, nullptr},
{"便宜一点", "number", nullptr, nullptr},
{"等一下", "number", nullptr, nullptr},
{"统一发货", "number", nullptr, nullptr},
{"万一丢了怎么办", "number", nullptr, nullptr},
{"3号楼", "date", nullptr, nullptr},
{"能换大一号的吗", "date", nullptr, nullptr},
{"你好，我想问一下我的快递到哪了", "number", nullptr, nullptr},
{"这个东西质量太差了，我一直在等", "number", nullptr, nullptr},
{"请问几点发货，几天能到", "time", nullptr, nullptr},
{"请问几点发货，几天能到", "duration", nullptr, nullptr},
{"no one answered my email", "number", nullptr, nullptr},
{"地铁2号线", "date", nullptr, nullptr},
{"three", "time", nullptr, nullptr},
{"i have 3 questions", "date", nullptr, nullptr},
{"i have 3 questions", "time", nullptr, nullptr},
{"this one is broken", "number", nullptr, nullptr},
{"wait a second", "ordinal", nullptr, nullptr},
{"the box is 3 times bigger", "time", nullptr, nullptr},
{"may i ask a question", "date", nullptr, nullptr},
{"contact@", "email", nullptr, nullptr},
{"user@localhost", "email", nullptr, nullptr},
{"visit example dot com", "url", nullptr, nullptr},
{"sf12345", "tracking_number", nullptr, nullptr},
{"yt12345678901234567", "tracking_number", nullptr, nullptr},
{"7512345678901234", "tracking_number", nullptr, nullptr},
{"jdabcdefghijk", "tracking_number", nullptr, nullptr},
{"三五天", "number", "三五", nullptr},
{"几个", "number", nullptr, nullptr},
{"周一到周五", "duration", nullptr, nullptr},
{"三月份发货", "duration", nullptr, nullptr},
{"2026年", "duration", nullptr, nullptr},
{"一点钟", "number", nullptr, nullptr},
{"零食", "number", nullptr, nullptr},
{"ps5 pro", "number", nullptr, nullptr},
{"1/2 of the order", "date", "1/2", nullptr},
{"v2.0 update", "number", nullptr, nullptr},
{"3点20分钟", "time", nullptr, nullptr},
{"一块蛋糕", "quantity", nullptr, nullptr},
{"the first time", "date", nullptr, nullptr},
{"at 3 stores", "time", nullptr, nullptr},
};

}  // namespace

TEST_CASE("built-in entities: the phrasing table") {
  int positive = 0, negative = 0;
  for (const Case& c : kCases) {
    const std::u32string text = u32(c.text);
    const auto matches = extract_builtins(text, kNow);
    INFO(std::string(c.text) << "\nmatches:\n" << dump(text, matches));
    const BuiltinMatch* found = nullptr;
    bool any_of_type = false;
    for (const auto& m : matches) {
      if (m.type != c.type) continue;
      any_of_type = true;
      if (c.span && span_of(text, m) == c.span) found = &m;
    }
    if (c.value) {
      ++positive;
      if (!found) {
        FAIL_CHECK("expected a " << std::string(c.type) << " at [" << std::string(c.span) << "]");
        continue;
      }
      CHECK(found->value == json::parse(c.value));
      CHECK(found->confidence > 0.f);
      CHECK(found->confidence <= 1.f);
    } else {
      ++negative;
      if (c.span) CHECK_MESSAGE(found == nullptr, "unexpected " << std::string(c.type) << " at [" << std::string(c.span) << "]");
      else CHECK_MESSAGE(!any_of_type, "unexpected " << std::string(c.type));
    }
  }
  MESSAGE(positive << " positive and " << negative << " negative cases");
  CHECK(positive >= 300);
  CHECK(negative >= 40);
}

TEST_CASE("types filter the resolved matches") {
  const std::u32string text = u32("我要退两件，一共三百五十块，电话13812345678");
  auto all = extract_builtins(text, kNow);
  REQUIRE(all.size() == 3);
  CHECK(all[0].type == "quantity");
  CHECK(all[1].type == "money");
  CHECK(all[2].type == "phone");
  auto phones = extract_builtins(text, kNow, {"phone"});
  REQUIRE(phones.size() == 1);
  CHECK(span_of(text, phones[0]) == "13812345678");
  // The money span is not handed out again as a bare number.
  CHECK(extract_builtins(text, kNow, {"number"}).empty());
  CHECK(extract_builtins(u32(""), kNow).empty());
}

TEST_CASE("contact details do not depend on the reference time") {
  // PII masking runs without a meaningful "now".
  const std::u32string text = u32("身份证11010519491231002x 手机13812345678 卡号4111111111111111");
  auto m = extract_builtins(text, {0, 0}, {"id_card", "phone", "bank_card"});
  REQUIRE(m.size() == 3);
  CHECK(m[0].type == "id_card");
  CHECK(m[1].type == "phone");
  CHECK(m[2].type == "bank_card");
}

TEST_CASE("every type in builtin_types() is produced by the table") {
  const auto& types = kefu::entity::builtin_types();
  CHECK(types.size() == 16);
  for (const std::string& type : types) {
    bool seen = false;
    for (const Case& c : kCases) seen |= c.value && type == c.type;
    CHECK_MESSAGE(seen, type);
  }
}

TEST_CASE("resolution follows the caller's UTC offset") {
  // 2026-11-23T10:00+08:00 is still 2026-11-22 in New York (UTC-5).
  const kefu::entity::ReferenceTime new_york{kNow.unix_seconds, -300};
  auto m = extract_builtins(u32("tomorrow at 3pm"), new_york);
  REQUIRE(m.size() == 1);
  CHECK(m[0].value["value"] == "2026-11-23T15:00:00-05:00");
  auto later = extract_builtins(u32("in 2 hours"), new_york);
  REQUIRE(later.size() == 1);
  CHECK(later[0].value["value"] == "2026-11-22T23:00:00-05:00");
}

TEST_CASE("cut-off text: every prefix and suffix gives sorted, disjoint, in-range spans") {
  // Truncated input is where scanners read past the end; ASan builds watch.
  for (const Case& c : kCases) {
    const std::u32string text = u32(c.text);
    for (size_t cut = 0; cut <= text.size(); ++cut) {
      for (const std::u32string& piece : {text.substr(0, cut), text.substr(cut)}) {
        uint32_t last_end = 0;
        for (const auto& m : extract_builtins(piece, kNow)) {
          INFO(c.text << " cut at " << cut << ": " << m.type);
          CHECK(m.begin < m.end);
          CHECK(m.end <= piece.size());
          CHECK(m.begin >= last_end);
          CHECK((m.confidence > 0.f && m.confidence <= 1.f));
          last_end = m.end;
        }
      }
    }
  }
}

TEST_CASE("concurrent extraction gives the same answers") {
  std::vector<std::string> expected;
  for (const Case& c : kCases) {
    const std::u32string text = u32(c.text);
    expected.push_back(dump(text, extract_builtins(text, kNow)));
  }
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int w = 0; w < 4; ++w)
    threads.emplace_back([&, w] {
      for (size_t k = 0; k < std::size(kCases); ++k) {
        const std::u32string text = u32(kCases[k].text);
        if (dump(text, extract_builtins(text, kNow)) != expected[k]) ++mismatches[w];
      }
    });
  for (auto& t : threads) t.join();
  for (int n : mismatches) CHECK(n == 0);
}

// Timing, not a check: run with `test_builtins -tc=speed --no-skip`.
TEST_CASE("speed" * doctest::skip()) {
  for (const char* s : {"你好，请问有什么可以帮您", "where is my parcel, it has been ages",
                        "我的手机号是138 1234 5678，明天下午三点前联系我"}) {
    const std::u32string text = u32(s);
    const int rounds = 20000;
    auto start = std::chrono::steady_clock::now();
    size_t found = 0;
    for (int r = 0; r < rounds; ++r) found += extract_builtins(text, kNow).size();
    double us = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start).count() / rounds;
    MESSAGE(std::string(s) << ": " << us << " us per call, " << found / rounds << " matches");
  }
}
