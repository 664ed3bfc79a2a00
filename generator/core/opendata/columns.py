"""The columns of catalogue.csv, in order: one list read by the CSV writer, datapackage.json
(Table Schema) and the /data/ page, so the three never disagree."""
from __future__ import annotations

from dataclasses import dataclass

# Lists (tags, ids, grades…) are joined into one cell with this; catalogue.json keeps real lists.
LIST_SEPARATOR = "; "


@dataclass(frozen=True)
class Column:
    name: str
    type: str          # Table Schema type: string, integer, number, boolean, date
    zh: str
    en: str
    required: bool = False
    is_list: bool = False

    def table_schema(self) -> dict:
        field = {"name": self.name, "type": self.type, "title": self.zh,
                 "description": f"{self.zh} / {self.en}"}
        if self.required:
            field["constraints"] = {"required": True}
        return field


COLUMNS: tuple[Column, ...] = (
    Column("id", "string", "永久编号，不会改变", "permanent id, never changes", required=True),
    Column("section", "string", "栏目：crafts 手工艺、events 活动、lessons 课程",
           "section: crafts, events or lessons", required=True),
    Column("kind", "string", "类型，如 work 作品、festival 节日", "kind, e.g. work, festival", required=True),
    Column("title", "string", "中文标题", "Chinese title", required=True),
    Column("title_en", "string", "英文标题", "English title"),
    Column("summary", "string", "一句话简介", "one-line summary"),
    Column("summary_en", "string", "英文简介", "summary in English"),
    Column("page", "string", "条目页面的地址", "address of the entry's page", required=True),
    Column("permalink", "string", "永久链接 /id/<id>/，文件夹改名后仍然有效",
           "permanent link /id/<id>/, valid after the folder is renamed", required=True),
    Column("illustrative", "boolean", "true 表示示例条目，不记录真实的人或事",
           "true for an illustrative entry, not a record of real people or events", required=True),
    Column("added", "date", "加入档案的日期", "day the entry joined the archive"),
    Column("updated", "date", "最近一次实质修改的日期", "day of the last change that matters to readers"),
    Column("tags", "string", "标签", "tags", is_list=True),
    Column("place", "string", "地点", "place"),
    Column("place_en", "string", "地点（英文）", "place in English"),
    Column("address", "string", "地址", "address"),
    Column("locality", "string", "市或县", "city or county"),
    Column("region", "string", "省", "province"),
    Column("country", "string", "国家代码（ISO 3166）", "country code (ISO 3166)"),
    Column("lat", "number", "纬度（WGS 84）", "latitude (WGS 84)"),
    Column("lon", "number", "经度（WGS 84）", "longitude (WGS 84)"),
    Column("techniques", "string", "所用技艺的编号", "ids of the techniques used", is_list=True),
    Column("makers", "string", "制作者（绣娘、工坊）的编号", "ids of the makers (artisans, workshops)", is_list=True),
    Column("period", "string", "作品年代（自由文字）", "when a work was made (free text)"),
    Column("materials", "string", "材料", "materials", is_list=True),
    Column("start", "string", "开始：日期 YYYY-MM-DD，或当地时间 YYYY-MM-DDTHH:MM:SS（见 timezone）",
           "start: a date YYYY-MM-DD, or a local time YYYY-MM-DDTHH:MM:SS (see timezone)"),
    Column("end", "string", "结束（含当天），格式同 start", "end (inclusive), in the form of start"),
    Column("timezone", "string", "时区（IANA）", "time zone (IANA)"),
    Column("status", "string", "状态：scheduled、cancelled、postponed", "status: scheduled, cancelled, postponed"),
    Column("organizer", "string", "主办方", "organiser"),
    Column("series", "string", "所属节日的编号", "id of the festival this event belongs to"),
    Column("participants", "string", "参加者的编号", "ids of the participants", is_list=True),
    Column("shui_calendar", "string", "按水历择日的节日：duan 端节、mao 卯节",
           "festival set by the Shui calendar: duan, mao"),
    Column("url", "string", "活动的官方网页", "the event's official page"),
    Column("grades", "string", "年级", "grades", is_list=True),
    Column("subjects", "string", "学科", "subjects", is_list=True),
    Column("duration_minutes", "integer", "课时（分钟）", "lesson length in minutes"),
    Column("objectives", "string", "教学目标", "learning objectives", is_list=True),
    Column("related", "string", "相关条目的编号", "ids of related entries", is_list=True),
    Column("sources", "string", "来源的标题", "titles of the sources", is_list=True),
    Column("labels", "string", "文化标签（Local Contexts TK、BC 标签）的编号，全文见 catalogue.json",
           "ids of the cultural labels (Local Contexts TK and BC Labels); their text is in catalogue.json",
           is_list=True),
    Column("images", "integer", "图片数量", "number of images", required=True),
    Column("iiif_manifest", "string", "图片的 IIIF 清单地址", "address of the images' IIIF manifest"),
)

NAMES = tuple(column.name for column in COLUMNS)
